#!/usr/bin/env python3
"""Fill the Simplified Chinese translations into a Qt Linguist .ts file.

Usage: python3 i18n/translations_zh_CN.py i18n/deeptraj_zh_CN.ts

Called by scripts/update_translations.sh after pylupdate5 and before lrelease.
Every <message> whose <source> is a key of TRANSLATIONS gets the Chinese text
and loses type="unfinished"; the others stay unfinished. Standard library only.
"""

import sys
import xml.etree.ElementTree as ET

LANGUAGE = "zh_CN"

# Key: the exact source string passed to tr()/translate() (XML-unescaped).
TRANSLATIONS = {
    'Assign OD pairs (H3)': '分配 OD 对（H3）',
    '<p>Gives every trajectory its <b>origin-destination (OD) pair</b> on the H3 grid, as CroTad (Xue et al., section 5.1.1) selects "frequently used OD pairs (based on H3 cells)": the origin is the H3 cell of the first point, the destination the cell of the last point (computed in WGS 84 whatever the layer CRS). Pairs shared by at least MIN_TRIPS trajectories get an integer <i>od_id</i>: 0 for the pair with the most trips, then by descending number of trips (ties: ascending origin, then destination cell id). Trajectories of rarer pairs get NULL.</p><p>The output is the input layer (points stay points, lines stay lines, every input attribute kept) with four fields appended: <i>od_id</i>, <i>origin_h3</i>, <i>dest_h3</i> (H3 cell strings) and <i>od_trips</i> (number of trajectories sharing the pair, also below the minimum). Points that are not part of a trajectory after cleaning (duplicate times, trajectories with fewer than 2 points) get NULL. Existing fields with these names are replaced. Use <i>od_id</i> as OD field of <i>Synthetic anomalies</i>.</p><h3>Parameters</h3><ul><li><b>Input trajectories</b>: a point layer (one feature per GPS fix) or a line layer (one feature per trajectory).</li><li><b>Trajectory ID field</b>: groups points into trajectories (required for points; lines: optional, default one trajectory per feature).</li><li><b>Time field</b> (optional): orders the points of a trajectory; without it the feature order (or the M value) is used.</li><li><b>Sampling interval</b> (advanced, default 15 s): vertex spacing in time for lines without M.</li><li><b>H3 resolution</b> (RESOLUTION, default 8, 0-15): size of the origin/destination cells. 8 (about 0.74 km2) groups trips starting in the same neighbourhood; the CroTad paper uses finer cells (resolution 10 for Porto) to map trajectories but does not state the OD resolution.</li><li><b>Minimum trips per OD pair</b> (MIN_TRIPS, default 20): pairs with fewer trajectories get no id.</li></ul><p>Results: N_OD_PAIRS (pairs with an id), N_ASSIGNED and N_UNASSIGNED (trajectories with and without an id).</p>': '<p>为每条轨迹在 H3 网格上赋予其<b>起讫点（OD）对</b>，做法与 CroTad（Xue et al.，第 5.1.1 节）选取“常用 OD 对（基于 H3 单元格）”相同：起点是第一个点所在的 H3 单元格，终点是最后一个点所在的单元格（无论图层坐标参考系为何，均在 WGS 84 下计算）。至少被 MIN_TRIPS 条轨迹共享的 OD 对获得一个整数 <i>od_id</i>：行程最多的 OD 对为 0，其余按行程数降序编号（数量相同时按起点单元格 ID 升序，再按终点单元格 ID 升序）。较少见的 OD 对的轨迹得到 NULL。</p><p>输出为输入图层（点仍为点，线仍为线，保留所有输入属性），并追加四个字段：<i>od_id</i>、<i>origin_h3</i>、<i>dest_h3</i>（H3 单元格字符串）和 <i>od_trips</i>（共享该 OD 对的轨迹数，低于最小值时也会填写）。清洗后不属于任何轨迹的点（时间重复、点数少于 2 的轨迹）得到 NULL。已存在的同名字段将被替换。可将 <i>od_id</i> 用作<i>合成异常</i>的 OD 字段。</p><h3>参数</h3><ul><li><b>输入轨迹</b>：点图层（每个 GPS 定位一个要素）或线图层（每条轨迹一个要素）。</li><li><b>轨迹 ID 字段</b>：将点分组为轨迹（点图层必填；线图层可选，默认每个要素为一条轨迹）。</li><li><b>时间字段</b>（可选）：对轨迹中的点排序；未指定时使用要素顺序（或 M 值）。</li><li><b>采样间隔</b>（高级，默认 15 s）：无 M 值的线的顶点时间间隔。</li><li><b>H3 分辨率</b>（RESOLUTION，默认 8，0-15）：起点/终点单元格的大小。8（约 0.74 km2）可将从同一街区出发的行程归为一组；CroTad 论文使用更细的单元格（Porto 使用分辨率 10）来映射轨迹，但未说明 OD 所用的分辨率。</li><li><b>每个 OD 对的最少行程数</b>（MIN_TRIPS，默认 20）：轨迹数少于该值的 OD 对不分配编号。</li></ul><p>结果：N_OD_PAIRS（获得编号的 OD 对数量）、N_ASSIGNED 和 N_UNASSIGNED（有编号和无编号的轨迹数）。</p>',
    'H3 resolution of origin/destination cells (0-15)': '起点/终点单元格的 H3 分辨率（0-15）',
    'Minimum trips per OD pair': '每个 OD 对的最少行程数',
    'Trajectories with OD pairs': '带 OD 对的轨迹',
    'Number of OD pairs with an id': '获得编号的 OD 对数量',
    'Trajectories with an OD id': '有 OD 编号的轨迹',
    'Trajectories without an OD id': '无 OD 编号的轨迹',
    'DeepTraj: install Python dependencies': 'DeepTraj：安装 Python 依赖',
    'Install only the missing packages': '仅安装缺失的包',
    'CPU-only PyTorch (much smaller download; DeepTraj does not need a GPU)': '仅 CPU 版 PyTorch（下载量小得多；DeepTraj 不需要 GPU）',
    'Install': '安装',
    'Stop': '停止',
    'Missing Python packages: <b>{0}</b>.': '缺少的 Python 包：<b>{0}</b>。',
    'All DeepTraj Python packages are available.': 'DeepTraj 所需的所有 Python 包均已可用。',
    "Packages are installed with pip into a DeepTraj-only folder that QGIS's own packages take precedence over; numpy stays at the version QGIS uses.<br>Folder: <tt>{0}</tt><br>Python: <tt>{1}</tt>": '使用 pip 将包安装到 DeepTraj 专用文件夹中，QGIS 自带的包优先于该文件夹中的包；numpy 保持 QGIS 所用的版本。<br>文件夹：<tt>{0}</tt><br>Python：<tt>{1}</tt>',
    'Stopping pip…': '正在停止 pip…',
    'Could not start {0}: {1}': '无法启动 {0}：{1}',
    'pip was stopped before it finished.': 'pip 在完成之前被停止。',
    'pip failed (exit code {0}).': 'pip 执行失败（退出代码 {0}）。',
    "QGIS's Python has no pip: install it first (Debian/Ubuntu: sudo apt install python3-pip), then try again.": 'QGIS 的 Python 中没有 pip：请先安装 pip（Debian/Ubuntu：sudo apt install python3-pip），然后重试。',
    'pip finished, but these packages still cannot be imported: {0}. Restart QGIS and check again (Plugins > DeepTraj > About).': 'pip 已完成，但以下包仍无法导入：{0}。请重启 QGIS 后再次检查（插件 > DeepTraj > 关于）。',
    'Installation finished: all DeepTraj packages are available. If a package was already loaded in this QGIS session in another version, restart QGIS.': '安装完成：DeepTraj 所需的所有包均已可用。如果某个包已在本次 QGIS 会话中以其他版本加载，请重启 QGIS。',
    '&DeepTraj': '&DeepTraj',
    'Install dependencies…': '安装依赖…',
    'Open DeepTraj toolbox': '打开 DeepTraj 工具箱',
    'About DeepTraj / dependency status': '关于 DeepTraj / 依赖状态',
    'Some algorithms need Python packages that are not installed: {0}.': '部分算法需要尚未安装的 Python 包：{0}。',
    'The Processing toolbox is not available: enable the Processing plugin (Plugins > Manage and Install Plugins…).': '处理工具箱不可用：请启用 Processing 插件（插件 > 管理并安装插件…）。',
    'not installed': '未安装',
    'Deep trajectory mining in the Processing toolbox (provider <tt>deeptraj</tt>, {0} algorithms loaded).': '在处理工具箱中进行深度轨迹挖掘（提供程序 <tt>deeptraj</tt>，已加载 {0} 个算法）。',
    'Missing Python packages:': '缺少的 Python 包：',
    'Use Plugins > DeepTraj > Install dependencies…': '请使用 插件 > DeepTraj > 安装依赖…',
    'All Python packages are available.': '所有 Python 包均已可用。',
    'Private package folder': '私有包文件夹',
    'not created yet': '尚未创建',
    'About DeepTraj': '关于 DeepTraj',
    'Data': '数据',
    'Discretization': '离散化',
    'Ground truth': '真值',
    'Clustering': '聚类',
    'Anomaly detection': '异常检测',
    'Embedding': '嵌入',
    'This algorithm needs Python packages that are not installed: {0}. Use Plugins > DeepTraj > Install dependencies…, or run: pip install {1}': '此算法需要尚未安装的 Python 包：{0}。请使用 插件 > DeepTraj > 安装依赖…，或运行：pip install {1}',
    'Input trajectories (points, or lines)': '输入轨迹（点或线）',
    'Input trajectory points': '输入轨迹点',
    'Trajectory ID field': '轨迹 ID 字段',
    'Time field (points: timestamp; lines: start time)': '时间字段（点：时间戳；线：起始时间）',
    'Sampling interval of line vertices without M (seconds)': '无 M 值的线顶点采样间隔（秒）',
    'Cancelled by the user: no output was written.': '已被用户取消：未写入任何输出。',
    'Out of memory: try a smaller input or a coarser discretization.': '内存不足：请尝试更小的输入或更粗的离散化。',
    "{0}: '{1}' is not a valid CRS.": "{0}：'{1}' 不是有效的坐标参考系。",
    'Collapse consecutive repeated cells': '合并连续重复的单元格',
    'Cells': '单元格',
    'Token sequences': '词元序列',
    'Vocabulary (JSON)': '词表（JSON）',
    '{0} token(s) are UNK: their points lie outside the grid extent': '{0} 个词元为 UNK：其对应的点位于网格范围之外',
    'DeepTraj: deep trajectory mining': 'DeepTraj：深度轨迹挖掘',
    'Discretize trajectories to a square grid': '将轨迹离散化为正方形网格',
    '<p>Turns trajectories into sequences of square grid-cell tokens, the input of E2DTC and t2vec.</p><p><b>Input trajectories</b>: a point layer (one point per GPS fix) or a line layer (one trajectory per feature). <b>Trajectory ID field</b>: groups points into trajectories (required for points; lines default to the feature id). <b>Time field</b>: orders the points (date-time, ISO text, epoch seconds or milliseconds, or a numeric order); for lines, the start time, the vertices following every <i>Sampling interval</i> seconds (default 15 s, Porto) unless the line has M values.</p><p><b>Cell size</b> (default 300 m, E2DTC): side of a square cell in grid-CRS units. <b>Grid CRS</b> (default EPSG:3857, as E2DTC/t2vec): a projected CRS. <b>Extent</b> (default: the input extent): grid extent; points outside are the UNK token. <b>Minimum visits of a hot cell</b> (default 1; t2vec used 50 on millions of points): cells visited fewer times are mapped to the nearest hot cell. <b>Nearest cells per token</b> (default 10, E2DTC K): size of the k-nearest table stored in the vocabulary. <b>Collapse repeats</b> (default yes): consecutive points in one cell give one token.</p><p>Cell id = row × n_cols + col with col = floor((x − xmin)/size), row = floor((y − ymin)/size). Tokens 0–3 are PAD, BOS, EOS, UNK; cell tokens start at 4 in order of decreasing visits.</p><p>Outputs: <b>Cells</b> (polygons: token, cell_id, col, row, visits, hot; graduated by visits), <b>Token sequences</b> (one line per trajectory: traj_id, n_points, n_tokens, n_unk, tokens as space-separated text) and the <b>Vocabulary</b> JSON (grid definition, token↔cell table, k-nearest tokens with distances in metres) used by the model algorithms.</p>': '<p>将轨迹转换为正方形网格单元格的词元序列，作为 E2DTC 和 t2vec 的输入。</p><p><b>输入轨迹</b>：点图层（每个 GPS 定位一个点）或线图层（每个要素一条轨迹）。<b>轨迹 ID 字段</b>：将点分组为轨迹（点图层必填；线图层默认使用要素 ID）。<b>时间字段</b>：对点排序（日期时间、ISO 文本、纪元秒或毫秒，或数值顺序）；对于线，该字段为起始时间，除非线带有 M 值，否则各顶点依次相隔 <i>采样间隔</i> 秒（默认 15 s，Porto）。</p><p><b>单元格大小</b>（默认 300 m，E2DTC）：正方形单元格的边长，以网格坐标参考系单位计。<b>网格坐标参考系</b>（默认 EPSG:3857，与 E2DTC/t2vec 相同）：投影坐标参考系。<b>范围</b>（默认：输入数据的范围）：网格范围；范围之外的点为 UNK 词元。<b>热点单元格的最少访问次数</b>（默认 1；t2vec 在数百万个点上使用 50）：访问次数少于该值的单元格映射到最近的热点单元格。<b>每个词元的最近邻单元格数</b>（默认 10，E2DTC 的 K）：词表中存储的 k 近邻表的大小。<b>合并重复</b>（默认是）：同一单元格中的连续点只生成一个词元。</p><p>单元格 ID = row × n_cols + col，其中 col = floor((x − xmin)/size)，row = floor((y − ymin)/size)。词元 0–3 为 PAD、BOS、EOS、UNK；单元格词元从 4 开始，按访问次数递减排列。</p><p>输出：<b>单元格</b>（多边形：token、cell_id、col、row、visits、hot；按 visits 分级渲染）、<b>词元序列</b>（每条轨迹一条线：traj_id、n_points、n_tokens、n_unk，以及以空格分隔的文本形式的 tokens）以及<b>词表</b> JSON（网格定义、词元↔单元格对照表、带距离（米）的 k 近邻词元），供模型算法使用。</p>',
    'Cell size (grid CRS units, metres)': '单元格大小（网格坐标参考系单位，米）',
    'Grid CRS': '网格坐标参考系',
    'Grid extent': '网格范围',
    'Minimum visits of a hot cell': '热点单元格的最少访问次数',
    'Nearest cells per token (K)': '每个词元的最近邻单元格数（K）',
    'CELL_SIZE must be a positive number of metres, got {0}.': 'CELL_SIZE 必须是以米为单位的正数，实际为 {0}。',
    'GRID_CRS {0} is geographic (degrees); choose a projected CRS such as EPSG:3857 or a UTM zone.': 'GRID_CRS {0} 是地理坐标参考系（单位为度）；请选择投影坐标参考系，例如 EPSG:3857 或某个 UTM 分带。',
    'EXTENT is empty.': 'EXTENT 为空。',
    'Discretize trajectories to H3 hexagons': '将轨迹离散化为 H3 六边形',
    '<p>Turns trajectories into sequences of H3 hexagon tokens, the units of CroTad.</p><p><b>Input trajectories</b>, <b>Trajectory ID field</b>, <b>Time field</b>, <b>Sampling interval</b>: as in the grid discretization (points with an ID and time, or one line per trajectory).</p><p><b>H3 resolution</b> (default 10, CroTad on Porto, about 0.015 km² per cell; 9 for bus routes): 0–15. <b>Collapse repeats</b> (default yes): consecutive points in one cell give one token. <b>Fill gaps</b> (default no): when yes, consecutive non-adjacent cells are joined with the H3 grid path so that every step moves to a neighbouring cell.</p><p>Tokens 0–3 are PAD, BOS, EOS, UNK; cell tokens start at 4 in order of decreasing visits.</p><p>Outputs: <b>Cells</b> (hexagons: token, h3 index, visits; graduated by visits), <b>Token sequences</b> (one line per trajectory with the tokens as text) and the <b>Vocabulary</b> JSON (resolution, token↔cell table, k-nearest tokens with distances in metres).</p>': '<p>将轨迹转换为 H3 六边形词元序列，即 CroTad 所用的单元。</p><p><b>输入轨迹</b>、<b>轨迹 ID 字段</b>、<b>时间字段</b>、<b>采样间隔</b>：与网格离散化相同（带 ID 和时间的点，或每条轨迹一条线）。</p><p><b>H3 分辨率</b>（默认 10，即 CroTad 在 Porto 上的设置，每个单元格约 0.015 km²；公交线路用 9）：0–15。<b>合并重复</b>（默认是）：同一单元格中的连续点只生成一个词元。<b>填补间隙</b>（默认否）：若为是，则用 H3 网格路径连接不相邻的连续单元格，使每一步都移动到相邻单元格。</p><p>词元 0–3 为 PAD、BOS、EOS、UNK；单元格词元从 4 开始，按访问次数递减排列。</p><p>输出：<b>单元格</b>（六边形：token、h3 索引、visits；按 visits 分级渲染）、<b>词元序列</b>（每条轨迹一条线，词元以文本形式表示）以及<b>词表</b> JSON（分辨率、词元↔单元格对照表、带距离（米）的 k 近邻词元）。</p>',
    'H3 resolution': 'H3 分辨率',
    'Fill gaps with the H3 grid path': '用 H3 网格路径填补间隙',
    'RESOLUTION must be an H3 resolution between 0 and 15 (10 for city streets), got {0}.': 'RESOLUTION 必须是 0 到 15 之间的 H3 分辨率（城市街道用 10），实际为 {0}。',
    'Ground-truth clusters around centres': '围绕中心的真值聚类',
    '<p>Labels trajectories with the cluster of the centre they stay around: Algorithm 2 of E2DTC (Fang et al., ICDE 2021), used to make clustering ground truth.</p><p><b>Input trajectories</b>, <b>Trajectory ID field</b>, <b>Time field</b>: points with an ID (and time), or one line per trajectory.</p><p><b>Centres</b> (optional point layer; their feature order is the centre order): the cluster centres, e.g. POIs. When empty, <b>Number of centres</b> (default 12, as E2DTC on GeoLife) frequently visited and well-separated places are picked automatically (cells ranked by the number of distinct trajectories visiting them; greedy choice with the largest separation that still yields that many centres).</p><p><b>Radius ratio σ</b> (default 0.6, paper): radius = σ × the minimum distance between two centres. <b>Fallen threshold λ</b> (default 0.7, paper): a trajectory joins the first centre, in centre order, holding at least this share of its points. <b>Keep unassigned</b> (default no): also write trajectories without a cluster (gt_label −1). <b>Metric CRS</b> (advanced, default: the UTM zone of the data): where distances are measured.</p><p>Outputs: <b>Labelled trajectories</b> (lines: traj_id, gt_label, fallen_rate, n_points; categorized by label) and <b>Centres</b> (circles of the radius with label and size).</p>': '<p>按轨迹停留所围绕的中心为轨迹标注聚类：即 E2DTC（Fang et al., ICDE 2021）中的算法 2，用于生成聚类真值。</p><p><b>输入轨迹</b>、<b>轨迹 ID 字段</b>、<b>时间字段</b>：带 ID（和时间）的点，或每条轨迹一条线。</p><p><b>中心</b>（可选点图层；其要素顺序即中心顺序）：聚类中心，例如兴趣点（POI）。若为空，则自动选取 <b>中心数量</b>（默认 12，与 E2DTC 在 GeoLife 上的设置相同）个访问频繁且相互分隔良好的地点（按访问单元格的不同轨迹数对单元格排序；采用贪心选择，在仍能得到该数量中心的前提下取最大间隔）。</p><p><b>半径比 σ</b>（默认 0.6，论文取值）：半径 = σ × 两个中心之间的最小距离。<b>落入阈值 λ</b>（默认 0.7，论文取值）：轨迹归入按中心顺序第一个包含其至少该比例点的中心。<b>保留未分配</b>（默认否）：同时输出没有聚类的轨迹（gt_label −1）。<b>度量坐标参考系</b>（高级，默认：数据所在的 UTM 分带）：测量距离所用的坐标参考系。</p><p>输出：<b>已标注的轨迹</b>（线：traj_id、gt_label、fallen_rate、n_points；按标签分类渲染）和<b>中心</b>（以该半径绘制的圆，带标签和聚类规模）。</p>',
    'Centres (points, in centre order)': '中心（点，按中心顺序）',
    'Number of centres (when no centre layer is given)': '中心数量（未提供中心图层时）',
    'Radius ratio σ': '半径比 σ',
    'Fallen threshold λ': '落入阈值 λ',
    'Keep unassigned trajectories': '保留未分配的轨迹',
    'Metric CRS (default: UTM zone of the data)': '度量坐标参考系（默认：数据所在的 UTM 分带）',
    'Labelled trajectories': '已标注的轨迹',
    'Cluster centres': '聚类中心',
    'CENTERS: at least 2 centre points are needed, found {0}.': 'CENTERS：至少需要 2 个中心点，实际找到 {0} 个。',
    'Import trajectory file (CSV, Porto, GeoLife, LYMob)': '导入轨迹文件（CSV、Porto、GeoLife、LYMob）',
    "<p>Imports a trajectory file as a point layer (one feature per GPS fix, in file order) and, optionally, one LineStringM per trajectory. The file is read in chunks, so files with millions of points import with little memory; progress follows the position in the file and Cancel stops between chunks (output files this run created are then removed).</p><p><b>File</b> (FILE): the CSV (.csv or gzip-compressed .csv.gz), or for GeoLife a folder or any .plt file inside the tree.</p><p><b>Format</b> (FORMAT, default generic points CSV):<br><i>Generic points CSV</i>: one row per point; uses X/Y/ID/time fields, Delimiter and CRS below; every column except X and Y is kept.<br><i>Porto taxi CSV</i> (ECML/PKDD 2015: TRIP_ID, CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND, TAXI_ID, TIMESTAMP, DAY_TYPE, MISSING_DATA, POLYLINE): one trajectory per TRIP_ID, point k of POLYLINE [[lon,lat],...] at TIMESTAMP + 15 s &times; k (column seq = k); trips with an empty POLYLINE are skipped and counted; the other columns are kept; always WGS 84.<br><i>GeoLife .plt folder tree</i> (GeoLife 1.3: &lt;Data&gt;/&lt;user&gt;/Trajectory/*.plt, 6 header lines then lat,lon,0,altitude in feet,days,date,time): the Data folder, a user folder or any .plt inside (a .plt file stands for the whole tree); trajectory id = &lt;user&gt;_&lt;file name&gt;; columns user_id, lat, lon, alt_ft; always WGS 84. The flattened geolife_points.csv.gz is a generic CSV (ID field <tt>user_id,traj_id</tt>, time field t_utc).<br><i>LYMob-4Cities / YJMob100K</i> (uid,d,t,x,y: 1-based cells of a 200&times;200 grid of 500 m, t = 30-minute slot 0..47, d = day index): point at the cell centre ORIGIN + (cell &minus; 0.5) &times; CELL_SIZE, time = START_DATE + d days + 30 min &times; t; one trajectory per uid; masked records (x or y = 999, no location) are skipped and counted; columns uid, d, t, x, y and day (date).</p><p><b>X field / Y field</b> (X_FIELD, Y_FIELD, generic; default empty = first of lon, longitude, lng, long, x, easting / lat, latitude, y, northing, case-insensitive). Rows without numeric coordinates are skipped and counted.</p><p><b>Trajectory ID field(s)</b> (ID_FIELD, generic; default empty = first of traj_id, trajectory_id, track_id, trip_id, tid, vehicle_id, taxi_id, mmsi, user_id, uid, id; none found: the whole file is one trajectory). Several comma-separated columns (e.g. <tt>user_id,traj_id</tt>) are joined with '_' into one id. Ids are read as text (leading zeros kept); rows without id are skipped and counted.</p><p><b>Time field</b> (TIME_FIELD, generic; default empty = first of time, timestamp, datetime, date_time, t_utc, t_unix, when, t; none: no time): ISO 8601 / date-time text (UTC when no zone is given) or epoch seconds/milliseconds. Unreadable times are left empty and counted.</p><p><b>Delimiter</b> (DELIMITER, generic, default ','; \\t or tab for tab-separated).</p><p><b>CRS</b> (CRS, default EPSG:4326): the CRS of the generic CSV coordinates, or for LYMob the projected (metric) CRS of the grid; ignored by Porto and GeoLife (WGS 84).</p><p><b>Grid origin X / Y</b> (ORIGIN_X, ORIGIN_Y, LYMob, default 0): lower-left corner of the grid in CRS units. <b>Cell size</b> (CELL_SIZE, LYMob, default 500, the dataset's 500 m cells). <b>Start date</b> (START_DATE, LYMob, default 2024-01-01 00:00 UTC): the date of day d = 0 (the dataset hides the real dates).</p><p><b>Points</b> (OUTPUT): traj_id, time (date-time, UTC) and the kept columns (a column named traj_id, time or fid is renamed src_&lt;name&gt;), in file order. <b>Trajectory lines</b> (OUTPUT_LINES, optional): one LineStringM per trajectory with M = epoch seconds (plain LineString without time) and traj_id, n_points, start_time, end_time; here the cleaning rules apply: points sorted by time, repeated times and points without time dropped, trajectories with fewer than 2 points skipped. Lines keep the points in memory (28 bytes per point, plus sorting arrays: about 0.35 GB for 1.4 million points); leave them out for huge files.</p><p>Results: N_POINTS, N_TRAJECTORIES, N_ROWS, the skip counts, N_UNSORTED_TRAJECTORIES (time goes back in file order), N_LINES, and from the lines only N_DUPLICATE_TIMES and N_SKIPPED_SHORT_TRAJECTORIES (0 without OUTPUT_LINES).</p>": "<p>将轨迹文件导入为点图层（每个 GPS 定位一个要素，按文件顺序），并可选地为每条轨迹生成一个 LineStringM。文件按块读取，因此包含数百万个点的文件也只需很少内存即可导入；进度跟随文件中的读取位置，“取消”会在两个块之间停止（随后删除本次运行创建的输出文件）。</p><p><b>文件</b>（FILE）：CSV 文件（.csv 或 gzip 压缩的 .csv.gz）；对于 GeoLife，可以是文件夹或目录树中的任意 .plt 文件。</p><p><b>格式</b>（FORMAT，默认为通用点 CSV）：<br><i>通用点 CSV</i>：每行一个点；使用下方的 X/Y/ID/时间字段、分隔符和坐标参考系；保留除 X 和 Y 以外的所有列。<br><i>Porto 出租车 CSV</i>（ECML/PKDD 2015：TRIP_ID, CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND, TAXI_ID, TIMESTAMP, DAY_TYPE, MISSING_DATA, POLYLINE）：每个 TRIP_ID 一条轨迹，POLYLINE [[lon,lat],...] 的第 k 个点的时间为 TIMESTAMP + 15 s &times; k（列 seq = k）；POLYLINE 为空的行程会被跳过并计数；保留其他列；始终为 WGS 84。<br><i>GeoLife .plt 文件夹树</i>（GeoLife 1.3：&lt;Data&gt;/&lt;user&gt;/Trajectory/*.plt，6 行表头，随后为 lat,lon,0,altitude in feet,days,date,time）：Data 文件夹、某个用户文件夹或其中任意 .plt 文件（一个 .plt 文件代表整个目录树）；轨迹 ID = &lt;user&gt;_&lt;file name&gt;；列为 user_id, lat, lon, alt_ft；始终为 WGS 84。展平后的 geolife_points.csv.gz 是通用 CSV（ID 字段 <tt>user_id,traj_id</tt>，时间字段 t_utc）。<br><i>LYMob-4Cities / YJMob100K</i>（uid,d,t,x,y：200&times;200、单元格为 500 m 的网格中从 1 开始编号的单元格，t = 30 分钟时段 0..47，d = 天序号）：点位于单元格中心 ORIGIN + (cell &minus; 0.5) &times; CELL_SIZE，时间 = START_DATE + d 天 + 30 min &times; t；每个 uid 一条轨迹；被屏蔽的记录（x 或 y = 999，无位置）会被跳过并计数；列为 uid, d, t, x, y 和 day（日期）。</p><p><b>X 字段 / Y 字段</b>（X_FIELD, Y_FIELD，通用格式；默认留空 = 取 lon, longitude, lng, long, x, easting / lat, latitude, y, northing 中第一个存在的，不区分大小写）。没有数值坐标的行会被跳过并计数。</p><p><b>轨迹 ID 字段</b>（ID_FIELD，通用格式；默认留空 = 取 traj_id, trajectory_id, track_id, trip_id, tid, vehicle_id, taxi_id, mmsi, user_id, uid, id 中第一个存在的；均未找到：整个文件为一条轨迹）。多个以逗号分隔的列（例如 <tt>user_id,traj_id</tt>）用 '_' 连接为一个 ID。ID 按文本读取（保留前导零）；没有 ID 的行会被跳过并计数。</p><p><b>时间字段</b>（TIME_FIELD，通用格式；默认留空 = 取 time, timestamp, datetime, date_time, t_utc, t_unix, when, t 中第一个存在的；均无：无时间）：ISO 8601 / 日期时间文本（未给出时区时按 UTC）或纪元秒/毫秒。无法读取的时间留空并计数。</p><p><b>分隔符</b>（DELIMITER，通用格式，默认 ','；制表符分隔请用 \\t 或 tab）。</p><p><b>坐标参考系</b>（CRS，默认 EPSG:4326）：通用 CSV 坐标的坐标参考系，对于 LYMob 则为网格的投影（米制）坐标参考系；Porto 和 GeoLife 忽略此项（WGS 84）。</p><p><b>网格原点 X / Y</b>（ORIGIN_X, ORIGIN_Y，LYMob，默认 0）：网格左下角，以坐标参考系单位计。<b>单元格大小</b>（CELL_SIZE，LYMob，默认 500，即该数据集的 500 m 单元格）。<b>起始日期</b>（START_DATE，LYMob，默认 2024-01-01 00:00 UTC）：第 d = 0 天的日期（该数据集隐藏了真实日期）。</p><p><b>点</b>（OUTPUT）：traj_id、time（日期时间，UTC）以及保留的列（名为 traj_id、time 或 fid 的列重命名为 src_&lt;name&gt;），按文件顺序。<b>轨迹线</b>（OUTPUT_LINES，可选）：每条轨迹一个 LineStringM，M = 纪元秒（无时间时为普通 LineString），并带有 traj_id、n_points、start_time、end_time；此处应用清洗规则：点按时间排序，丢弃重复时间和无时间的点，跳过少于 2 个点的轨迹。生成线时点会保存在内存中（每个点 28 字节，外加排序数组：140 万个点约 0.35 GB）；对于超大文件请不要输出线。</p><p>结果：N_POINTS、N_TRAJECTORIES、N_ROWS、各项跳过计数、N_UNSORTED_TRAJECTORIES（按文件顺序时间出现回退的轨迹）、N_LINES，以及仅由线得出的 N_DUPLICATE_TIMES 和 N_SKIPPED_SHORT_TRAJECTORIES（未输出 OUTPUT_LINES 时为 0）。</p>",
    'Trajectory file (or GeoLife folder / .plt file)': '轨迹文件（或 GeoLife 文件夹 / .plt 文件）',
    'Trajectory files (*.csv *.gz *.txt *.tsv *.plt);;All files (*)': '轨迹文件 (*.csv *.gz *.txt *.tsv *.plt);;所有文件 (*)',
    'Format': '格式',
    'Generic points CSV (.csv, .csv.gz)': '通用点 CSV（.csv、.csv.gz）',
    'Porto taxi CSV (ECML/PKDD 2015)': 'Porto 出租车 CSV（ECML/PKDD 2015）',
    'GeoLife .plt folder tree': 'GeoLife .plt 文件夹树',
    'LYMob-4Cities / YJMob100K grid CSV': 'LYMob-4Cities / YJMob100K 网格 CSV',
    'X / longitude field (generic; empty = auto-detect)': 'X / 经度字段（通用格式；留空 = 自动检测）',
    'Y / latitude field (generic; empty = auto-detect)': 'Y / 纬度字段（通用格式；留空 = 自动检测）',
    'Trajectory ID field(s), comma-separated (generic; empty = auto-detect)': '轨迹 ID 字段（可多个，以逗号分隔；通用格式；留空 = 自动检测）',
    'Time field (generic; empty = auto-detect)': '时间字段（通用格式；留空 = 自动检测）',
    'Delimiter (generic)': '分隔符（通用格式）',
    'CRS of the coordinates (generic) or of the grid (LYMob)': '坐标的坐标参考系（通用格式）或网格的坐标参考系（LYMob）',
    'Grid origin X, lower-left corner (LYMob)': '网格原点 X，左下角（LYMob）',
    'Grid origin Y, lower-left corner (LYMob)': '网格原点 Y，左下角（LYMob）',
    'Cell size in CRS units (LYMob)': '单元格大小，以坐标参考系单位计（LYMob）',
    'Start date, day d = 0 (LYMob, UTC)': '起始日期，即第 d = 0 天（LYMob，UTC）',
    'Points': '点',
    'Trajectory lines': '轨迹线',
    'Simulate trajectories (synthetic sample)': '模拟轨迹（合成样本）',
    "<p>Makes a synthetic, fully labelled trajectory data set: vehicles drive shortest paths between origin-destination (OD) pairs on a synthetic street grid or on a road line layer, sampled like GPS with noise. Every OD pair is one cluster (<i>od_id</i>) with a small origin area and a small destination area well apart from the other pairs' areas; trips of a pair start and end at nearby junctions and follow mostly the same corridor (a small random perturbation of the edge costs per trip gives some route variety, distinct corridors get a <i>route_id</i>). Optionally some trips make a detour through a junction 300-800 m (and at most 40% of the trip length) off their normal route; the points of the detour have <i>is_anomaly</i> = 1 and <i>anomaly_type</i> = 'detour'. The same seed always gives the same data. Use it to try the clustering and anomaly algorithms, whose ground truth it provides.</p><h3>Parameters</h3><p><b>Road network</b> (optional line layer): roads to drive on, two-way; lines connect where they share a vertex (end point or interior vertex). Only the largest connected part is used. Default: a synthetic street grid.</p><p><b>Number of OD pairs</b> (default 6): clusters; the network must have room for that many well separated origin and destination areas (radius 300 m, smaller when the extent is small or many pairs must fit; areas at least three radii apart).</p><p><b>Number of trajectories</b> (default 300): trips, spread evenly over the OD pairs.</p><p><b>Sampling interval</b> (seconds, default 15): time between two points of a trip.</p><p><b>Speed</b> (m/s, default 10): mean driving speed; each trip drives at a constant speed drawn within +/- <b>Speed variation</b> (advanced, default 0.2 = 20%) of it.</p><p><b>GPS noise</b> (metres, default 5): standard deviation of the Gaussian noise added to each coordinate.</p><p><b>Start time</b> (default 2024-01-01 08:00 UTC): vehicles start their first trip within the <b>Time window</b> (advanced, hours, default 12) after it and make about four trips one after the other.</p><p><b>Extent</b> (optional): the area of the synthetic grid (default a 6 km x 6 km box around Porto centre, -8.61 / 41.15), or a clip box for the road layer (default: its whole extent).</p><p><b>Output CRS</b> (default EPSG:4326). The simulation itself runs in metres in the UTM zone of the area.</p><p><b>Grid spacing</b> (metres, default 200): street spacing of the synthetic grid (every fifth street is a faster arterial, a few streets are missing, a few cells have a diagonal).</p><p><b>Detour rate</b> (0-1, default 0 = none): share of the trips with an injected detour.</p><p><b>Random seed</b> (default 42).</p><p><b>Layout of the OD pairs</b> (advanced, default Separated): <i>Separated</i> gives every pair its own part of the network (origin and destination on either side of a pair centre; clusters are apart in space, as centre-based ground truth such as E2DTC's expects); <i>Cross-town</i> pairs far apart areas, so long trips of different pairs cross and share main roads.</p><h3>Outputs</h3><p><b>Trajectory points</b>: traj_id, time, od_id (cluster), route_id (corridor variant within the pair), vehicle_id, speed (m/s), is_anomaly (0/1), anomaly_type ('' or 'detour'). <b>Trajectory lines</b> (optional, LineStringM with epoch seconds as M): traj_id, od_id, route_id, vehicle_id, n_points, has_detour, start and end time, length_m, speed. <b>Road network</b> (optional): the road lines used. Results N_TRAJECTORIES, N_POINTS and N_DETOURS count what was made.</p>": "<p>生成一个合成的、完全标注的轨迹数据集：车辆在合成街道网格或道路线图层上沿起讫点（OD）对之间的最短路径行驶，并像 GPS 一样带噪声采样。每个 OD 对是一个聚类（<i>od_id</i>），其起点区域和终点区域都较小，且与其他 OD 对的区域相距较远；同一 OD 对的行程在邻近的路口出发和结束，并且大多沿同一通道行驶（每次行程对边成本施加小的随机扰动，带来一定的路线多样性，不同的通道获得各自的 <i>route_id</i>）。可选地，部分行程会绕行经过偏离其正常路线 300-800 m（且至多为行程长度的 40%）的某个路口；绕行部分的点 <i>is_anomaly</i> = 1、<i>anomaly_type</i> = 'detour'。相同的种子总是生成相同的数据。可用它来试用聚类和异常检测算法，它为这些算法提供真值。</p><h3>参数</h3><p><b>道路网络</b>（可选线图层）：供行驶的道路，双向通行；线在共享顶点（端点或内部顶点）处相连。仅使用最大的连通部分。默认：合成街道网格。</p><p><b>OD 对数量</b>（默认 6）：聚类数；路网必须有足够空间容纳这么多相互分隔良好的起点和终点区域（半径 300 m，范围较小或需容纳的 OD 对较多时会更小；区域之间至少相距三个半径）。</p><p><b>轨迹数量</b>（默认 300）：行程数，平均分配到各 OD 对。</p><p><b>采样间隔</b>（秒，默认 15）：一次行程中相邻两点之间的时间。</p><p><b>速度</b>（m/s，默认 10）：平均行驶速度；每次行程以恒定速度行驶，该速度在平均速度的 +/- <b>速度变化</b>（高级，默认 0.2 = 20%）范围内随机抽取。</p><p><b>GPS 噪声</b>（米，默认 5）：添加到每个坐标上的高斯噪声的标准差。</p><p><b>起始时间</b>（默认 2024-01-01 08:00 UTC）：车辆在此后的<b>时间窗口</b>（高级，小时，默认 12）内开始首次行程，并连续完成约四次行程。</p><p><b>范围</b>（可选）：合成网格的区域（默认为 Porto 市中心 -8.61 / 41.15 周围 6 km x 6 km 的方框），或道路图层的裁剪框（默认：其完整范围）。</p><p><b>输出坐标参考系</b>（默认 EPSG:4326）。模拟本身在该区域所在的 UTM 分带中以米为单位进行。</p><p><b>网格间距</b>（米，默认 200）：合成网格的街道间距（每五条街道中有一条是更快的主干道，少数街道缺失，少数单元格带有对角线道路）。</p><p><b>绕行比例</b>（0-1，默认 0 = 无）：注入绕行的行程所占比例。</p><p><b>随机种子</b>（默认 42）。</p><p><b>OD 对的布局</b>（高级，默认“分离”）：<i>分离</i>为每个 OD 对分配路网中各自的区域（起点和终点位于 OD 对中心的两侧；各聚类在空间上相互分离，符合 E2DTC 等基于中心的真值的预期）；<i>跨城</i>将相距较远的区域配对，因此不同 OD 对的长距离行程会相互交叉并共用主要道路。</p><h3>输出</h3><p><b>轨迹点</b>：traj_id、time、od_id（聚类）、route_id（OD 对内的通道变体）、vehicle_id、speed（m/s）、is_anomaly（0/1）、anomaly_type（'' 或 'detour'）。<b>轨迹线</b>（可选，以纪元秒为 M 值的 LineStringM）：traj_id、od_id、route_id、vehicle_id、n_points、has_detour、起止时间、length_m、speed。<b>道路网络</b>（可选）：所用的道路线。结果 N_TRAJECTORIES、N_POINTS 和 N_DETOURS 统计生成的数量。</p>",
    'Road network (lines; empty = synthetic street grid)': '道路网络（线；留空 = 合成街道网格）',
    'Number of origin-destination pairs (clusters)': '起讫点（OD）对数量（聚类数）',
    'Number of trajectories': '轨迹数量',
    'Sampling interval (seconds)': '采样间隔（秒）',
    'Mean speed (m/s)': '平均速度（m/s）',
    'Speed variation between trips (share, +/-)': '行程间速度变化（比例，+/-）',
    'Start time': '起始时间',
    'Time window for the first trips (hours)': '首次行程的时间窗口（小时）',
    'Extent (default: 6 km box around Porto, or the road layer)': '范围（默认：Porto 周围 6 km 的方框，或道路图层的范围）',
    'Output CRS': '输出坐标参考系',
    'Synthetic grid street spacing (metres)': '合成网格的街道间距（米）',
    'Share of trajectories with a detour (0-1)': '含绕行的轨迹比例（0-1）',
    'Random seed': '随机种子',
    'Layout of the origin-destination pairs': '起讫点对的布局',
    'Separated: each pair in its own part of the network': '分离：每个 OD 对位于路网中各自的区域',
    'Cross-town: long trips whose routes cross': '跨城：路线相互交叉的长距离行程',
    'Simulated trajectory points': '模拟轨迹点',
    'Simulated trajectory lines': '模拟轨迹线',
    'Road network used': '所用的道路网络',
    'Number of points': '点数量',
    'Number of trajectories with a detour': '含绕行的轨迹数量',
    'Synthetic anomalies (CroTad)': '合成异常（CroTad）',
    "<p>Builds a labelled test set for trajectory anomaly detection from real (assumed normal) trajectories, following CroTad (Xue et al., section 5.1.2). Trajectories are mapped to sequences of H3 cells (consecutive repeats removed). For every OD value, cells visited more often than FREQ_THRESHOLD per trajectory are <i>frequent</i> (the paper's S<sub>pos</sub>, Eq. 6); all others are <i>rare</i>. Detours are chains of rare cells in which consecutive cells are at most K_HOP H3 steps apart, going through a rare cell 2 to 3&times;K_HOP rings beside the replaced part and rejoining the trajectory within K_HOP steps. Anomaly types:</p><ul><li><b>Head detour</b>: the first cells are replaced by a detour starting near the origin.</li><li><b>Rear detour</b>: the last cells are replaced by a detour ending near the destination.</li><li><b>Midway detour</b>: cells in the middle are replaced by a detour.</li><li><b>Random trajectory</b>: the whole trajectory becomes a random walk through rare cells from the origin cell to the destination cell; every point is anomalous, including the first and last, which lie in the (normal) origin and destination cells.</li><li><b>Route switching</b>: the first floor(&beta;|T1|) cells of T1 followed by the part of T2 from cell floor((1-&beta;)|T2|) to its end, T2 from a <i>different</i> OD, &beta; ~ U(BETA_MIN, BETA_MAX); the T2 part is anomalous. When the two parts are more than K_HOP steps apart, cells on the H3 line between them are inserted every K_HOP steps (also anomalous). Needs at least 2 OD values.</li></ul><p>Kept original points keep their coordinates; generated points lie at their cell centres (one per cell) and are spaced in time by the trajectory's median sampling interval. After a midway detour or a route switch the following original points keep their spacing but are shifted in time so that time keeps increasing. The same seed gives the same output.</p><h3>Parameters</h3><ul><li><b>Input trajectories</b>, <b>Trajectory ID field</b>, <b>Time field</b>, <b>Sampling interval</b> (advanced, default 15 s, lines without M): as in every DeepTraj tool.</li><li><b>OD field(s)</b> (OD_FIELD, required): the field holding the OD of each trajectory, e.g. <i>od_id</i> from <i>Assign OD pairs</i>, or route fields such as bus route and direction (several fields, or a comma-separated list, are combined into one OD value). Trajectories with a NULL OD are ignored; the value of the first point counts.</li><li><b>H3 resolution</b> (RESOLUTION, default 10, 0-15): the paper uses 10 for Porto (0.015 km2 cells) and 9 for Translink buses.</li><li><b>Anomaly types</b> (TYPES, default all five).</li><li><b>Trajectories per OD and type</b> (PER_OD, default 500 as in the paper): source trajectories are drawn without replacement, so an OD with fewer usable trajectories gives fewer.</li><li><b>Maximum hops between consecutive cells</b> (K_HOP, default 3 as in the paper).</li><li><b>BETA_MIN / BETA_MAX</b> (defaults 0.3 / 0.7 as in the paper): range of the route-switching ratio &beta;.</li><li><b>Random seed</b> (SEED, default 42).</li><li><b>Include normal trajectories</b> (INCLUDE_NORMAL, default yes): also output up to PER_OD untouched trajectories per OD (anomaly_type 'normal', every point 0) so the test set has both classes.</li><li><b>Frequent-cell threshold</b> (FREQ_THRESHOLD, advanced, default 0.1): a cell is frequent for an OD when its visit count divided by the OD's number of trajectories is above it (the paper's &delta;<sub>od</sub>, no value given there).</li></ul><p>Outputs: points (traj_id, source_traj_id, od, anomaly_type, is_anomaly 0/1, seq, time, h3), styled red for anomalous points; optional lines, one per trajectory (n_points, n_anomalous), styled by anomaly type. Results count the trajectories per type and the samples that could not be built (N_FAILED: no rare cells where a detour was needed).</p>": "<p>依照 CroTad（Xue et al.，第 5.1.2 节），由真实（假定为正常）的轨迹构建用于轨迹异常检测的带标注测试集。轨迹被映射为 H3 单元格序列（去除连续重复）。对于每个 OD 值，每条轨迹平均访问次数高于 FREQ_THRESHOLD 的单元格为<i>频繁</i>单元格（即论文中的 S<sub>pos</sub>，式 6）；其余均为<i>稀有</i>单元格。绕行是由稀有单元格组成的链，其中相邻单元格之间至多相隔 K_HOP 个 H3 步，途经被替换部分旁 2 到 3&times;K_HOP 环处的某个稀有单元格，并在 K_HOP 步之内重新汇入轨迹。异常类型：</p><ul><li><b>首部绕行</b>：开头的若干单元格被一段从起点附近开始的绕行替换。</li><li><b>尾部绕行</b>：末尾的若干单元格被一段在终点附近结束的绕行替换。</li><li><b>中途绕行</b>：中间的单元格被一段绕行替换。</li><li><b>随机轨迹</b>：整条轨迹变为从起点单元格到终点单元格、经过稀有单元格的随机游走；所有点都是异常点，包括位于（正常的）起点和终点单元格中的第一个点和最后一个点。</li><li><b>路线切换</b>：T1 的前 floor(&beta;|T1|) 个单元格，接上 T2 从单元格 floor((1-&beta;)|T2|) 到末尾的部分，其中 T2 来自<i>不同的</i> OD，&beta; ~ U(BETA_MIN, BETA_MAX)；T2 部分为异常。当两部分相距超过 K_HOP 步时，在它们之间的 H3 直线上每隔 K_HOP 步插入单元格（同样为异常）。至少需要 2 个 OD 值。</li></ul><p>保留的原始点保持原有坐标；生成的点位于其单元格中心（每个单元格一个），时间间隔取该轨迹采样间隔的中位数。在中途绕行或路线切换之后，后续原始点保持原有间隔，但在时间上平移，使时间保持递增。相同的种子生成相同的输出。</p><h3>参数</h3><ul><li><b>输入轨迹</b>、<b>轨迹 ID 字段</b>、<b>时间字段</b>、<b>采样间隔</b>（高级，默认 15 s，用于无 M 值的线）：与所有 DeepTraj 工具相同。</li><li><b>OD 字段</b>（OD_FIELD，必填）：保存每条轨迹 OD 的字段，例如<i>分配 OD 对</i>生成的 <i>od_id</i>，或公交线路和方向等线路字段（多个字段或以逗号分隔的列表会组合为一个 OD 值）。OD 为 NULL 的轨迹将被忽略；以第一个点的值为准。</li><li><b>H3 分辨率</b>（RESOLUTION，默认 10，0-15）：论文中 Porto 使用 10（0.015 km2 单元格），Translink 公交使用 9。</li><li><b>异常类型</b>（TYPES，默认全部五种）。</li><li><b>每个 OD 和类型的轨迹数</b>（PER_OD，默认 500，与论文相同）：源轨迹采用无放回抽取，因此可用轨迹较少的 OD 生成的样本也较少。</li><li><b>相邻单元格之间的最大跳数</b>（K_HOP，默认 3，与论文相同）。</li><li><b>BETA_MIN / BETA_MAX</b>（默认 0.3 / 0.7，与论文相同）：路线切换比例 &beta; 的范围。</li><li><b>随机种子</b>（SEED，默认 42）。</li><li><b>包含正常轨迹</b>（INCLUDE_NORMAL，默认是）：另外为每个 OD 输出至多 PER_OD 条未经修改的轨迹（anomaly_type 'normal'，所有点均为 0），使测试集包含两个类别。</li><li><b>频繁单元格阈值</b>（FREQ_THRESHOLD，高级，默认 0.1）：当某单元格的访问次数除以该 OD 的轨迹数大于此值时，该单元格对该 OD 而言为频繁单元格（即论文中的 &delta;<sub>od</sub>，论文未给出取值）。</li></ul><p>输出：点（traj_id、source_traj_id、od、anomaly_type、is_anomaly 0/1、seq、time、h3），异常点以红色显示；可选的线，每条轨迹一条（n_points、n_anomalous），按异常类型设置样式。结果统计每种类型的轨迹数以及无法构建的样本数（N_FAILED：需要绕行的位置没有稀有单元格）。</p>",
    'OD field(s) (OD id, or route [+ direction])': 'OD 字段（OD 编号，或线路 [+ 方向]）',
    'H3 resolution (0-15)': 'H3 分辨率（0-15）',
    'Anomaly types': '异常类型',
    'Head detour': '首部绕行',
    'Rear detour': '尾部绕行',
    'Midway detour': '中途绕行',
    'Random trajectory': '随机轨迹',
    'Route switching': '路线切换',
    'Trajectories per OD and type': '每个 OD 和类型的轨迹数',
    'Maximum hops between consecutive cells (k_hop)': '相邻单元格之间的最大跳数（k_hop）',
    'Route switching: minimum beta': '路线切换：最小 beta',
    'Route switching: maximum beta': '路线切换：最大 beta',
    'Include normal trajectories': '包含正常轨迹',
    'Frequent-cell threshold (visits per trajectory)': '频繁单元格阈值（每条轨迹的访问次数）',
    'Labelled points': '已标注的点',
    'Labelled trajectories (lines)': '已标注的轨迹（线）',
    # E2DTC: train / apply (processing_provider/e2dtc_train.py, e2dtc_apply.py)
    'E2DTC: train deep trajectory clustering': 'E2DTC：训练深度轨迹聚类',
    '<p>Clusters trajectories with E2DTC (Fang et al., ICDE 2021): a t2vec sequence-to-sequence GRU learns '
    'trajectory embeddings from grid-cell sequences (pre-training with the spatial-proximity-aware loss), '
    'k-means gives initial centroids, then self-training sharpens the clusters with KL(P||Q) and a triplet '
    'loss (L = Lr + β·Lc + γ·Lt).</p>'
    '<p><b>Input trajectories</b>: points with a trajectory ID (and time), lines, or the <i>Token '
    'sequences</i> layer of <i>Discretize trajectories to a square grid</i> together with its '
    '<b>Vocabulary</b> file. Without a vocabulary the trajectories are discretized here with <b>Cell '
    'size</b> (default 300 m, paper), <b>Grid CRS</b> (EPSG:3857) and <b>Hot-cell threshold</b> (1).</p>'
    '<p><b>Number of clusters</b> (default 12; 0 = choose with the elbow of k-means over k = 2..22, paper '
    '§VII-G). <b>Preset</b>: fast-CPU (1-layer GRU, hidden 128, 2 pairs per trajectory: minutes on a '
    'laptop) or paper (3 layers, hidden 256, embedding 256, 16 pairs per trajectory: hours on a CPU). '
    '<b>Pre-training / self-training epochs</b>, <b>Hidden size</b>, <b>Layers</b> and <b>Batch size</b> '
    'override the preset when set. <b>β</b> (0.1) and <b>γ</b> (0.1) weigh the clustering and triplet '
    'losses; <b>Learning rate</b> (1e-4) is the self-training Adam rate. <b>Seed</b> makes runs '
    'repeatable.</p>'
    '<p><b>More trajectories for pre-training only</b> (optional; points or lines, discretized on the same '
    'grid; their ID and time fields default to the input\'s): t2vec also learns from them, but only the input '
    'is clustered, e.g. the input is the part of an archive you want clustered and this layer is the whole '
    'archive. Trajectories whose ID is also in the input are used once. The deep model needs thousands of '
    'trajectories: with a few hundred to cluster, pre-training on more trips of the same area is the '
    'largest gain.</p>'
    '<p><b>Ground-truth field</b> (optional, e.g. gt_label of <i>Ground-truth clusters around centres</i>): '
    'the results and report then give UACC, NMI, RI and ARI, for E2DTC and for pre-training + k-means; '
    'NULL and negative labels are left out of the scores. Training never looks at it.</p>'
    '<p>Outputs: the <b>Model file</b> (weights, parameters and the vocabulary, to apply with <i>E2DTC: '
    'apply a trained model</i>), <b>Clustered trajectories</b> (lines with cluster and confidence = the '
    'largest soft assignment q; categorized by cluster) and an HTML <b>Report</b> with the loss curves, the '
    'share of changed assignments, the elbow curve and the scores. Training runs in the background and '
    'can be cancelled: no model file is written then.</p>': '<p>使用 E2DTC（Fang et al., ICDE 2021）对轨迹进行聚类：t2vec 序列到序列 GRU 从网格单元格序列中学习轨迹嵌入'
    '（预训练使用空间邻近感知损失），k-means 给出初始质心，随后自训练借助 KL(P||Q) 和三元组损失使聚类更加分明'
    '（L = Lr + β·Lc + γ·Lt）。</p>'
    '<p><b>输入轨迹</b>：带轨迹 ID（和时间）的点、线，或<i>将轨迹离散化为正方形网格</i>输出的<i>词元序列</i>图层'
    '及其<b>词表</b>文件。未提供词表时，在此按<b>单元格大小</b>（默认 300 m，论文取值）、<b>网格坐标参考系</b>'
    '（EPSG:3857）和<b>热点单元格阈值</b>（1）对轨迹进行离散化。</p>'
    '<p><b>聚类数</b>（默认 12；0 = 在 k = 2..22 范围内按 k-means 的肘部法则自动选择，见论文 §VII-G）。'
    '<b>预设</b>：快速 CPU（1 层 GRU，隐藏层大小 128，每条轨迹 2 对：在笔记本电脑上需数分钟）或论文设置'
    '（3 层，隐藏层大小 256，嵌入维度 256，每条轨迹 16 对：在 CPU 上需数小时）。设置了<b>预训练 / 自训练轮数</b>、'
    '<b>隐藏层大小</b>、<b>层数</b>和<b>批大小</b>时，将覆盖预设值。<b>β</b>（0.1）和 <b>γ</b>（0.1）分别是聚类损失'
    '和三元组损失的权重；<b>学习率</b>（1e-4）是自训练中 Adam 优化器的学习率。<b>随机种子</b>使运行结果可复现。</p>'
    '<p><b>仅用于预训练的更多轨迹</b>（可选；点或线，在同一网格上离散化；其 ID 和时间字段默认与输入相同）：'
    't2vec 也从这些轨迹中学习，但只对输入进行聚类，例如输入是档案中需要聚类的部分，而该图层是整个档案。'
    'ID 同时出现在输入中的轨迹只使用一次。深度模型需要数千条轨迹：当需要聚类的轨迹只有几百条时，'
    '在同一区域的更多行程上预训练带来的提升最大。</p>'
    '<p><b>真值字段</b>（可选，例如<i>围绕中心的真值聚类</i>输出的 gt_label）：设置后，结果和报告会给出 E2DTC '
    '以及预训练 + k-means 的 UACC、NMI、RI 和 ARI；NULL 和负值标签不计入评分。训练过程从不使用该字段。</p>'
    '<p>输出：<b>模型文件</b>（权重、参数和词表，可通过<i>E2DTC：应用已训练的模型</i>使用）、<b>已聚类的轨迹</b>'
    '（线，带聚类编号和置信度 = 最大软分配 q；按聚类分类渲染）以及 HTML <b>报告</b>（包含损失曲线、分配变化比例、'
    '肘部曲线和评分）。训练在后台运行，可以取消：取消时不会写入模型文件。</p>',
    'Vocabulary (JSON of a grid discretization; optional)': '词表（网格离散化生成的 JSON；可选）',
    'Cell size (metres, without a vocabulary)': '单元格大小（米，未提供词表时）',
    'Hot-cell threshold (visits)': '热点单元格阈值（访问次数）',
    'Number of clusters (0 = automatic elbow)': '聚类数（0 = 按肘部法则自动选择）',
    'Preset': '预设',
    'fast-CPU': '快速 CPU',
    'paper': '论文设置',
    'Pre-training epochs (empty = preset)': '预训练轮数（留空 = 使用预设）',
    'Self-training epochs (empty = preset)': '自训练轮数（留空 = 使用预设）',
    'β: weight of the clustering loss': 'β：聚类损失的权重',
    'γ: weight of the triplet loss': 'γ：三元组损失的权重',
    'Self-training learning rate': '自训练学习率',
    'Batch size (empty = preset)': '批大小（留空 = 使用预设）',
    'Hidden size (even; empty = preset)': '隐藏层大小（偶数；留空 = 使用预设）',
    'GRU layers (empty = preset)': 'GRU 层数（留空 = 使用预设）',
    'More trajectories for pre-training only (optional)': '仅用于预训练的更多轨迹（可选）',
    'More trajectories for t2vec pre-training only (optional)': '仅用于 t2vec 预训练的更多轨迹（可选）',
    "Pre-training trajectories: ID field (empty = the input's)": '预训练轨迹：ID 字段（留空 = 与输入相同）',
    "Pre-training trajectories: time field (empty = the input's)": '预训练轨迹：时间字段（留空 = 与输入相同）',
    'Ground-truth field (optional, for scores only)': '真值字段（可选，仅用于评分）',
    'Model file': '模型文件',
    'Clustered trajectories': '已聚类的轨迹',
    'Report': '报告',
    'GRID_CRS must be a projected CRS (metres), such as EPSG:3857.': 'GRID_CRS 必须是投影坐标参考系（米），例如 EPSG:3857。',
    'Reading and discretizing trajectories': '正在读取并离散化轨迹',
    'Training E2DTC (pre-training, k-means, self-training)': '正在训练 E2DTC（预训练、k-means、自训练）',
    # sections of the E2DTC training report (context DeepTraj)
    'Result': '结果',
    'Scores against the ground truth': '相对于真值的评分',
    'Pre-training (t2vec)': '预训练（t2vec）',
    'Self-training': '自训练',
    'Choosing k (elbow)': '选择 k（肘部法则）',
    'Parameters': '参数',
    'E2DTC: apply a trained model': 'E2DTC：应用已训练的模型',
    '<p>Assigns trajectories to the clusters of a model trained with <i>E2DTC: train deep trajectory '
    'clustering</i>.</p>'
    '<p><b>Model file</b>: the .e2dtc file; it carries the grid and the vocabulary it was trained with, so '
    'new trajectories are discretized exactly as the training ones (points in cells the model never saw '
    'map to their nearest hot cell or, outside the grid, to UNK).</p>'
    '<p><b>Input trajectories</b>: points with a trajectory ID (and time), lines, or a token-sequence layer '
    'made with the model\'s vocabulary.</p>'
    '<p>Output: <b>Clustered trajectories</b> (lines with cluster, confidence = the largest soft assignment '
    'q, number of tokens; categorized by cluster).</p>': '<p>将轨迹分配到由<i>E2DTC：训练深度轨迹聚类</i>训练出的模型的各个聚类中。</p>'
    '<p><b>模型文件</b>：.e2dtc 文件；其中包含训练时所用的网格和词表，因此新轨迹的离散化方式与训练轨迹完全相同'
    '（落在模型从未见过的单元格中的点映射到最近的热点单元格，位于网格之外的点则映射为 UNK）。</p>'
    '<p><b>输入轨迹</b>：带轨迹 ID（和时间）的点、线，或使用该模型词表生成的词元序列图层。</p>'
    '<p>输出：<b>已聚类的轨迹</b>（线，带聚类编号、置信度 = 最大软分配 q、词元数；按聚类分类渲染）。</p>',
    'Classic trajectory clustering (k-medoids, t2vec + k-means)': '经典轨迹聚类（k-medoids、t2vec + k-means）',
    "<p>The baselines of the E2DTC paper, to compare with <i>E2DTC: train deep trajectory clustering</i> on the same layer.</p><p><b>Method</b>: k-medoids (FasterPAM, from the kmedoids package) over a trajectory distance computed on planar coordinates in metres: <b>DTW</b> (sum of matched point distances), <b>Hausdorff</b>, <b>discrete Fréchet</b>, <b>EDR</b> (edit distance, points match within ε, divided by the longer length) or <b>LCSS</b> (1 − longest common subsequence / shorter length, points match within ε and at most δ positions apart); or <b>t2vec + k-means</b>: E2DTC's pre-training on grid cells of <b>Cell size</b>, then k-means on the trajectory vectors (the paper's L0 ablation); t2vec also pre-trains on the optional <b>More trajectories for t2vec pre-training only</b>, as E2DTC does.</p><p>Trajectories are resampled to at most <b>Maximum points per trajectory</b> (32) before comparing. The distance matrix is quadratic: with more trajectories than <b>Sample size</b> (2000) the medoids are found on a random sample and every trajectory then joins its nearest medoid.</p><p><b>Ground-truth field</b> (optional): the results then carry UACC, NMI, RI and ARI.</p><p>Output: trajectory lines with their cluster, plus is_medoid and distance (to the medoid, in the method's unit) for k-medoids or confidence (the largest soft assignment) for t2vec + k-means; categorized by cluster.</p>": '<p>E2DTC 论文中的基线方法，可在同一图层上与 <i>E2DTC：训练深度轨迹聚类</i> 对比。</p><p><b>方法</b>：基于轨迹距离的 k-medoids（FasterPAM，来自 kmedoids 包），距离在以米为单位的平面坐标上计算：<b>DTW</b>（匹配点距离之和）、<b>Hausdorff</b>、<b>离散 Fréchet</b>、<b>EDR</b>（编辑距离，距离在 ε 以内的点视为匹配，除以较长轨迹的长度）或 <b>LCSS</b>（1 − 最长公共子序列 / 较短轨迹长度，距离在 ε 以内且位置相差至多 δ 的点视为匹配）；或 <b>t2vec + k-means</b>：在<b>单元格大小</b>的网格上进行 E2DTC 预训练，然后对轨迹向量做 k-means（论文中的 L0 消融）；t2vec 还会在可选的<b>仅用于 t2vec 预训练的更多轨迹</b>上预训练，与 E2DTC 相同。</p><p>比较前，轨迹被重采样为至多<b>每条轨迹的最大点数</b>（32）个点。距离矩阵的规模是二次的：当轨迹数多于<b>样本大小</b>（2000）时，在随机样本上寻找 medoid，然后每条轨迹归入最近的 medoid。</p><p><b>真值字段</b>（可选）：结果中将给出 UACC、NMI、RI 和 ARI。</p><p>输出：带聚类编号的轨迹线；k-medoids 另有 is_medoid 和 distance（到 medoid 的距离，单位取决于方法），t2vec + k-means 另有 confidence（最大软分配概率）；按聚类分类符号化。</p>',
    'Method': '方法',
    'k-medoids, DTW': 'k-medoids，DTW',
    'k-medoids, Hausdorff': 'k-medoids，Hausdorff',
    'k-medoids, discrete Fréchet': 'k-medoids，离散 Fréchet',
    'k-medoids, EDR': 'k-medoids，EDR',
    'k-medoids, LCSS': 'k-medoids，LCSS',
    't2vec + k-means': 't2vec + k-means',
    'Number of clusters': '聚类数',
    'ε: matching distance for EDR and LCSS (metres)': 'ε：EDR 和 LCSS 的匹配距离（米）',
    'δ: largest index offset for LCSS (empty = any)': 'δ：LCSS 的最大位置偏移（留空 = 不限）',
    'Maximum points per trajectory': '每条轨迹的最大点数',
    'Sample size for the medoid search': '寻找 medoid 的样本大小',
    'Cell size for t2vec (metres)': 't2vec 的单元格大小（米）',
    't2vec pre-training epochs': 't2vec 预训练轮数',
    'Computing trajectory distances and medoids': '正在计算轨迹距离和 medoid',
    'Pre-training t2vec, then k-means': '正在预训练 t2vec，然后进行 k-means',
    'Evolutionary clustering of streaming trajectories (ECO)': '流式轨迹的演化聚类（ECO）',
    "<p>Clusters moving objects time step by time step so that clusters change smoothly: ECO (Li, Chen, Jensen, Pedersen, Hu, arXiv 2109.11609). Objects that jump away from their minimal group for a moment are moved back towards its most smoothly moving member (under the speed limit) before DBSCAN, and cluster ids are carried from step to step, so the output can be animated with the temporal controller.</p><p><b>Input points</b> (INPUT) with an <b>object ID</b> (TRAJ_ID_FIELD: vehicle, vessel, person) and a <b>time</b> (TIME_FIELD, required).</p><p><b>Time step Δt</b> (DELTA_T, seconds, 0 = the data's median sampling interval) and <b>start time</b> (START_TIME, default the earliest record): time is cut into steps; an object keeps its earliest record per step; a snapshot is the set of objects seen at a step. Records before the start are ignored.</p><p><b>Speed limit μ</b> (SPEED_LIMIT, m/s, default 35): no adjustment moves an object further from its previous location than μ × the time between them; locations breaking it are first moved onto that circle. <b>ε</b> (EPS, m, default 600) and <b>minPts</b> (MIN_PTS, default 5, paper range 2–10): DBSCAN, a point counting itself. <b>δ</b> (DELTA, m, default 400, ≤ ε, paper 200–800) and <b>ρ</b> (RHO, default 5, paper 4–8): a minimal group is a seed with at least ρ objects within δ and the objects nearest to it. <b>α</b> (ALPHA, default 0.5, paper 0.1–0.9): weight of history against fidelity to the data. <b>Adapt ε</b> (ADAPT_EPS, default yes): ε moves by Δε (EPS_STEP, advanced, 50 m) towards higher modularity once per step (iterated at the first step). <b>Metric CRS</b> (CRS, advanced, default: the UTM zone of the data). <b>Method</b> (METHOD): 0 ECO, 1 DBSCAN per snapshot (no smoothing), 2 Kim–Han-style distance smoothing, for comparison. <b>QS radius</b> (QS_RADIUS, advanced, m, default 1000, 0 = off): the neighbour graph on which the per-step modularity QS is reported.</p><p>Outputs: <b>Clustered points</b> (OUTPUT: obj_id, step, step_start, step_end, time, orig_x/orig_y and adj_x/adj_y in the layer CRS, cluster (−1 = noise, ids stable across steps), role (core, border, noise), seed, smoothed; the point sits at the adjusted location; categorized by cluster with temporal properties from step_start/step_end). <b>Cluster events</b> (OUTPUT_EVENTS: step, cluster, event = form, evolve, split, merge or dissolve, related clusters). <b>Steps</b> (OUTPUT_STEPS: objects, clusters, QS, NMI with the previous step over the objects seen at both, ε used, processing ms per record).</p>": '<p>逐个时间步对移动对象聚类，使聚类平滑地变化：ECO（Li、Chen、Jensen、Pedersen、Hu，arXiv 2109.11609）。短暂偏离其最小组的对象在 DBSCAN 之前（在速度限制内）被拉回到组内移动最平稳的成员附近，聚类编号在各时间步之间延续，因此输出可以用时间控制器播放动画。</p><p><b>输入点</b>（INPUT），带<b>对象 ID</b>（TRAJ_ID_FIELD：车辆、船舶、人员）和<b>时间</b>（TIME_FIELD，必填）。</p><p><b>时间步 Δt</b>（DELTA_T，秒，0 = 数据的采样间隔中位数）和<b>起始时间</b>（START_TIME，默认最早的记录）：时间被切分为时间步；每个对象在每个时间步保留最早的一条记录；快照是某一时间步出现的对象集合。起始时间之前的记录被忽略。</p><p><b>速度限制 μ</b>（SPEED_LIMIT，m/s，默认 35）：任何调整都不会使对象离其上一位置超过 μ × 两者之间的时间；违反该限制的位置先被移到该圆上。<b>ε</b>（EPS，米，默认 600）和 <b>minPts</b>（MIN_PTS，默认 5，论文范围 2–10）：DBSCAN，点计入自身。<b>δ</b>（DELTA，米，默认 400，≤ ε，论文 200–800）和 <b>ρ</b>（RHO，默认 5，论文 4–8）：最小组由一个在 δ 内至少有 ρ 个对象的种子点及离它最近的对象组成。<b>α</b>（ALPHA，默认 0.5，论文 0.1–0.9）：历史相对于数据保真度的权重。<b>自适应 ε</b>（ADAPT_EPS，默认是）：ε 每个时间步按 Δε（EPS_STEP，高级，50 米）向模块度更高的方向移动一次（第一个时间步迭代进行）。<b>米制坐标参考系</b>（CRS，高级，默认：数据所在的 UTM 分带）。<b>方法</b>（METHOD）：0 ECO，1 逐快照 DBSCAN（不平滑），2 Kim–Han 式距离平滑，用于比较。<b>QS 半径</b>（QS_RADIUS，高级，米，默认 1000，0 = 关闭）：报告每个时间步模块度 QS 所用的邻居图。</p><p>输出：<b>聚类点</b>（OUTPUT：obj_id、step、step_start、step_end、time、图层坐标参考系下的 orig_x/orig_y 和 adj_x/adj_y、cluster（−1 = 噪声，编号跨时间步稳定）、role（core、border、noise）、seed、smoothed；点位于调整后的位置；按聚类分类渲染，时间属性取自 step_start/step_end）。<b>聚类事件</b>（OUTPUT_EVENTS：step、cluster、event = form、evolve、split、merge 或 dissolve，相关聚类）。<b>时间步</b>（OUTPUT_STEPS：对象数、聚类数、QS、与上一时间步在两步都出现的对象上的 NMI、所用 ε、每条记录的处理毫秒数）。</p>',
    'Time step Δt (seconds, 0 = median sampling interval)': '时间步 Δt（秒，0 = 采样间隔中位数）',
    'Start time (default: earliest record)': '起始时间（默认：最早的记录）',
    'Speed limit μ (m/s)': '速度限制 μ（m/s）',
    'DBSCAN ε (m)': 'DBSCAN ε（米）',
    'DBSCAN minPts': 'DBSCAN minPts',
    'Minimal group radius δ (m, at most ε)': '最小组半径 δ（米，不超过 ε）',
    'Minimal group size ρ': '最小组大小 ρ',
    'History weight α': '历史权重 α',
    'Adapt ε by modularity': '按模块度自适应 ε',
    'ECO': 'ECO',
    'DBSCAN per snapshot': '逐快照 DBSCAN',
    'Kim–Han distance smoothing': 'Kim–Han 距离平滑',
    'ε step Δε (m)': 'ε 步长 Δε（米）',
    'QS radius (m, 0 = do not report QS)': 'QS 半径（米，0 = 不报告 QS）',
    'Clustered points': '聚类点',
    'Cluster events': '聚类事件',
    'Steps': '时间步',
    'INPUT: only {0} object found with TRAJ_ID_FIELD; clustering needs at least 2 moving objects (check that the ID field identifies objects, not the whole layer).': 'INPUT：按 TRAJ_ID_FIELD 只找到 {0} 个对象；聚类至少需要 2 个移动对象（请检查 ID 字段标识的是对象，而不是整个图层）。',
    'All records fall into one time step (Δt {0:g} s ≥ the {1} s the data spans): the result is a single snapshot clustering, without smoothing. Lower DELTA_T for a stream.': '所有记录都落在同一个时间步内（Δt {0:g} 秒 ≥ 数据跨越的 {1} 秒）：结果是单个快照的聚类，没有平滑。请减小 DELTA_T 以得到流。',
    '{0} must be a projected CRS in metres (or empty for the UTM zone of the data).': '{0} 必须是以米为单位的投影坐标参考系（或留空以使用数据所在的 UTM 分带）。',
    'User field (user-days; LYMob: uid)': '用户字段（用户日；LYMob：uid）',
    'Training': '训练',
    'Next location on held-out users': '留出用户上的下一位置预测',
    'User re-identification across days (held-out users)': '跨日用户再识别（留出用户）',
    'PCA after standardisation': '标准化后的 PCA',
    'Mobility embeddings: embed trajectories': '移动性嵌入：嵌入轨迹',
    "<p>Embeds user-days (or trajectories) with a model trained by <i>Mobility embeddings: train</i>, also for users the model never saw. The grouping, resampling, time zone and CRS are the model's.</p><p>Output: one line per sequence (its points in time order) with group_id, user, day, dow (0 = Monday), n_points, n_records, start and end time, <b>PCA_1</b> and <b>PCA_2</b> (PCA of this set of embeddings after standardising every dimension to zero mean and unit variance), optionally <b>UMAP_1</b>/<b>UMAP_2</b> (needs the umap-learn package) and the embedding: one numeric field per value (e000, e001, ...), one JSON text field, or none (<b>Embedding format</b>). The explained variance of the components is in the results. <b>Embeddings file</b> (optional): the matrix as .npy or .csv. In QGIS the output opens in the <i>Embedding explorer</i> dock: select a region of the scatter to select the user-days on the map and see a heatmap of their points.</p>": '<p>用<i>移动性嵌入：训练</i>得到的模型对用户日（或轨迹）进行嵌入，也适用于模型从未见过的用户。分组、重采样、时区和坐标参考系均沿用模型的设置。</p><p>输出：每个序列一条线（其点按时间排序），字段包括 group_id、user、day、dow（0 = 星期一）、n_points、n_records、开始和结束时间、<b>PCA_1</b> 和 <b>PCA_2</b>（将每一维标准化为零均值、单位方差后对这组嵌入做的 PCA），可选的 <b>UMAP_1</b>/<b>UMAP_2</b>（需要 umap-learn 包），以及嵌入本身：每个值一个数值字段（e000、e001……）、一个 JSON 文本字段或不输出（<b>嵌入格式</b>）。各主成分的解释方差见结果。<b>嵌入文件</b>（可选）：以 .npy 或 .csv 保存的矩阵。在 QGIS 中，输出会在<i>嵌入浏览器</i>停靠窗口中打开：在散点图中选择一个区域，即可在地图上选中对应的用户日并查看其点的热力图。</p>',
    'Embedding format': '嵌入格式',
    'numeric fields': '数值字段',
    'one JSON text field': '一个 JSON 文本字段',
    'none (PCA only)': '不输出（仅 PCA）',
    'Add a UMAP projection (needs umap-learn)': '添加 UMAP 投影（需要 umap-learn）',
    'Embedded sequences': '已嵌入的序列',
    'Embeddings file (.npy or .csv)': '嵌入文件（.npy 或 .csv）',
    'Mobility embeddings: train (Transformer + BiLSTM)': '移动性嵌入：训练（Transformer + BiLSTM）',
    '<p>Trains the hybrid Transformer + bidirectional-LSTM model of the LYMob-4Cities "Experiment 21" post that turns each user-day (or trajectory) into a 512-value embedding. Self-supervised: the model predicts the next location of a sequence from the records before it (the target is never part of the input), with Gaussian noise on the input coordinates and early stopping on held-out users.</p><p><b>Input trajectory points</b> with a <b>Time field</b>: a LYMob / YJMob100K import (user field uid), GPS points with a user field, or any trajectories. <b>Group by</b>: user-day (one sequence per user and local day; needs the <b>User field</b>) or trajectory (needs the <b>Trajectory ID field</b>). <b>Resampling interval</b> (minutes; empty = 30 for user-days as LYMob\'s slots, 1 for trajectories): only the first point of each interval is kept. <b>Time zone</b> (hours from UTC; empty = from the data\'s longitude, UTC for a LYMob import) sets the local day, the half-hour slot and the day of week. <b>Cell size</b> (500 m, LYMob\'s cells): the locations predicted.</p><p><b>Preset</b>: fast-CPU (d_model 64, 1 transformer block, 12 epochs) or post (d_model 128, 2 blocks, 50 epochs); both use a 2-layer BiLSTM of 256 units, i.e. 512-value embeddings. The advanced sizes override the preset. <b>Validation users</b> (share, 0.1): users held out for early stopping and for the out-of-sample figures of the report. <b>User embedding</b> (off): adds a learned user vector to the prediction head only (never to the embedding); unseen users get the "unknown" vector. <b>CRS</b> (advanced, empty = the UTM zone of the data).</p><p>Outputs: the <b>Model file</b> and an HTML <b>Report</b>: loss curves, next-location accuracy@1/@5 of the model on the held-out users next to the most-frequent-location and first-order Markov baselines, user re-identification across days from the embeddings and from the baselines\' features, and the PCA explained variance after standardisation. Apply it with <i>Mobility embeddings: embed trajectories</i>.</p>': '<p>训练 LYMob-4Cities“Experiment 21”一文中的 Transformer + 双向 LSTM 混合模型，将每个用户日（或轨迹）转换为 512 维嵌入。自监督：模型根据序列中之前的记录预测下一位置（目标从不属于输入），对输入坐标加入高斯噪声，并在留出用户上提前停止。</p><p>带<b>时间字段</b>的<b>输入轨迹点</b>：LYMob / YJMob100K 导入结果（用户字段 uid）、带用户字段的 GPS 点或任意轨迹。<b>分组方式</b>：用户日（每个用户每个本地日一个序列；需要<b>用户字段</b>）或轨迹（需要<b>轨迹 ID 字段</b>）。<b>重采样间隔</b>（分钟；留空 = 用户日为 30，与 LYMob 的时段一致，轨迹为 1）：每个间隔只保留第一个点。<b>时区</b>（相对 UTC 的小时数；留空 = 根据数据的经度确定，LYMob 导入为 UTC）决定本地日期、半小时时段和星期几。<b>单元格大小</b>（500 m，LYMob 的单元格）：所预测的位置。</p><p><b>预设</b>：fast-CPU（d_model 64，1 个 Transformer 块，12 轮）或 post（d_model 128，2 个块，50 轮）；两者都使用 2 层、256 单元的双向 LSTM，即 512 维嵌入。高级参数中的尺寸会覆盖预设。<b>验证用户</b>（比例，0.1）：留出用于提前停止以及报告中样本外指标的用户。<b>用户嵌入</b>（关闭）：只在预测头（绝不在嵌入中）加入学习得到的用户向量；未见过的用户使用“未知”向量。<b>坐标参考系</b>（高级，留空 = 数据所在的 UTM 带）。</p><p>输出：<b>模型文件</b>和 HTML <b>报告</b>：损失曲线、模型在留出用户上的下一位置 accuracy@1/@5 以及最常去位置和一阶马尔可夫基线、基于嵌入和基线特征的跨日用户再识别，以及标准化后的 PCA 解释方差。用<i>移动性嵌入：嵌入轨迹</i>应用该模型。</p>',
    'Group by': '分组方式',
    'user-day': '用户日',
    'trajectory': '轨迹',
    'Resampling interval (minutes; empty = 30 for user-days, 1 for trajectories)': '重采样间隔（分钟；留空 = 用户日为 30，轨迹为 1）',
    'Time zone, hours from UTC (empty = from the data)': '时区，相对 UTC 的小时数（留空 = 根据数据确定）',
    'Location cell size (metres)': '位置单元格大小（米）',
    'post (Experiment 21)': 'post（Experiment 21）',
    'Epochs (empty = preset)': '训练轮数（留空 = 预设）',
    'Transformer width d_model (empty = preset)': 'Transformer 宽度 d_model（留空 = 预设）',
    'Attention heads (empty = preset)': '注意力头数（留空 = 预设）',
    'Transformer blocks (empty = preset)': 'Transformer 块数（留空 = 预设）',
    'BiLSTM hidden size (embedding = 2 x; empty = preset)': '双向 LSTM 隐藏层大小（嵌入 = 2 倍；留空 = 预设）',
    'BiLSTM layers (empty = preset)': '双向 LSTM 层数（留空 = 预设）',
    'Gaussian noise on input coordinates (metres)': '输入坐标的高斯噪声（米）',
    'Early-stopping patience (epochs; empty = preset)': '提前停止耐心值（轮；留空 = 预设）',
    'Validation users (share held out)': '验证用户（留出比例）',
    'User embedding in the prediction head': '在预测头中使用用户嵌入',
    'Metric CRS (empty = UTM zone of the data)': '米制坐标参考系（留空 = 数据所在的 UTM 带）',
    'Reading trajectories into sequences': '正在将轨迹读取为序列',
    'Training by next-location prediction': '正在通过下一位置预测进行训练',
    'Out-of-sample evaluation on the validation users': '正在验证用户上进行样本外评估',
    'Embedding explorer': '嵌入浏览器',
    'Layer': '图层',
    'X': 'X',
    'Y': 'Y',
    'Colour by': '着色依据',
    'Box': '矩形',
    'Drag a rectangle around points to select them (Shift adds to the selection)': '拖出矩形框选其中的点（按住 Shift 添加到当前选择）',
    'Lasso': '套索',
    'Draw a free-hand outline around points to select them (Shift adds to the selection)': '徒手绘制轮廓圈选其中的点（按住 Shift 添加到当前选择）',
    'Heatmap of selection': '所选要素热力图',
    'Show the vertices of the selected features as a heatmap layer above the source layer': '将所选要素的顶点显示为热力图图层，置于源图层之上',
    'Heatmap radius': '热力图半径',
    'Zoom map to selection': '地图缩放至所选要素',
    'and {0} more': '另有 {0} 项',
    '{0} of {1} selected': '已选择 {0} / {1}',
    'Heatmap of selected embeddings': '所选嵌入的热力图',
    'Feature {0}: ({1}, {2})': '要素 {0}：({1}, {2})',
    'No points to show': '没有可显示的点',
    'Flagged segments': '标记的片段',
    'Inspect and review the anomalous segments found by CroTad anomaly detection': '查看并审核 CroTad 异常检测发现的异常片段',
    'Trajectory': '轨迹',
    'OD': 'OD',
    'Type': '类型',
    'Start': '开始',
    'End': '结束',
    'Votes': '投票',
    'Length (m)': '长度（米）',
    'Reviewed': '已审核',
    'Origin-destination pair of the trajectory': '轨迹的起讫点（OD）对',
    'Ground-truth anomaly type (when the input came from Synthetic anomalies)': '真实异常类型（当输入来自“合成异常”时）',
    "Mean number of anomalous votes of the segment's cells": '片段内单元格获得的异常投票的平均数',
    'Length on the ellipsoid of the layer CRS, in metres': '在图层坐标参考系的椭球面上量测的长度（米）',
    'Checked: confirmed anomaly; unchecked after a review: false positive': '勾选：确认为异常；审核后取消勾选：误报',
    'Not reviewed': '未审核',
    'Confirmed anomaly': '已确认异常',
    'False positive': '误报',
    'Reload': '重新加载',
    'Read the segments of the layer again': '重新读取图层中的片段',
    'All': '全部',
    'Show normal segments too': '同时显示正常片段',
    'Confirm anomaly': '确认异常',
    'Mark the selected segments as confirmed anomalies (reviewed = 1)': '将所选片段标记为已确认异常（reviewed = 1）',
    'Mark false positive': '标记为误报',
    'Mark the selected segments as false positives (reviewed = 0)': '将所选片段标记为误报（reviewed = 0）',
    'Clear review': '清除审核',
    'Forget the review of the selected segments (reviewed = NULL)': '清除所选片段的审核结果（reviewed = NULL）',
    'Zoom to selection': '缩放至所选',
    'Choose a line layer with traj_id and label fields, such as the segments output of deeptraj:crotaddetect.': '请选择带有 traj_id 和 label 字段的线图层，例如 deeptraj:crotaddetect 输出的片段图层。',
    '{0} is not a segments layer: it needs to be a line layer with the fields traj_id and label (the segments output of deeptraj:crotaddetect).': '{0} 不是片段图层：需要是带有 traj_id 和 label 字段的线图层（deeptraj:crotaddetect 输出的片段）。',
    'The layer has no writable reviewed field: reviews cannot be saved.': '该图层没有可写的 reviewed 字段：无法保存审核结果。',
    '(none)': '（无）',
    '{0} cannot be edited: the review was not saved.': '{0} 无法编辑：审核结果未保存。',
    'Review flagged segments': '审核标记的片段',
    'the layer refused the change': '图层拒绝了该修改',
    'Could not save the review: {0}': '无法保存审核结果：{0}',
    "Review kept in the layer's edit buffer: save the layer edits to keep it.": '审核结果保存在图层的编辑缓冲区中：请保存图层编辑以保留。',
    '{0} of {1} segments shown': '显示 {0} / {1} 个片段',
    'CroTad: train an online trajectory anomaly detector': 'CroTad：训练在线轨迹异常检测器',
    "<p>Trains CroTad (Xue et al., contrastive reinforcement learning for online trajectory anomaly detection) on trajectories assumed to be normal, grouped by origin-destination (OD) pair. Every trajectory becomes a sequence of H3 cells (consecutive repeats removed). Cell embeddings come from node2vec on a hierarchical graph: the optional road network, the optional stops of public-transport routes and the cell transitions seen in the training trajectories. An encoder (route-wise graph attention over each OD's frequently visited cells, a GRU started from the OD embedding, attention pooling) is pre-trained on windows of WINDOW cells with three losses: reconstruction of masked cells, contrast between two augmented views of a window (STSC) and contrast between a window and generated abnormal versions of it (MIIC). A DBSCAN clustering of the windows of each OD then gives pseudo-labels (a window in a small cluster is anomalous, Eq. 24), from which a deep Q-network learns to label windows one at a time, online. Apply the model with <i>CroTad: detect anomalous sub-trajectories</i>.</p><h3>Parameters</h3><ul><li><b>Input trajectory points</b>, <b>Trajectory ID field</b>, <b>Time field</b> (optional; orders the points). Use normal trajectories: the detector learns what usual routes of each OD look like.</li><li><b>OD field</b> (optional): the field holding the OD pair (or bus route + direction) of each trajectory, e.g. <i>od_id</i> of <i>Assign OD pairs</i>; the value of the first point counts and trajectories with a NULL value are left out. When empty, OD pairs are derived here exactly as <i>Assign OD pairs</i> does: the H3 cells of the first and last points at <b>OD resolution</b> (default 8), pairs with at least <b>Minimum trips per OD pair</b> (default 20) trajectories; the pairs are stored in the model so that detection finds them again.</li><li><b>H3 resolution</b> (default 10 as for Porto in the paper; 9 for buses) and <b>Window</b> (cells per sub-trajectory, default 5; the paper uses 10 for buses). Trajectories of fewer than 2 cells, and OD values with a single usable trajectory, are left out; trajectories shorter than the window are used with padded windows.</li><li><b>Road network</b> (optional lines) and <b>Stops</b> (optional points with a <b>route</b> field and a <b>sequence</b> field giving the order of the stops along the route) add edges to the cell graph.</li><li><b>Preset</b>: fast-CPU (small sizes and few epochs: minutes on a laptop) or paper. The advanced parameters override the preset when set; those left empty take the preset's value (or an automatic one, as said in their label). The paper's symbols: δ<sub>od</sub> frequent-cell threshold, ρ<sub>1</sub>-ρ<sub>4</sub> augmentations, τ temperature, δ<sub>1</sub>/δ<sub>2</sub>/m/λ of MIIC, α weights of the losses, γ discount of the DQN, δ<sub>p</sub> voting threshold.</li><li><b>Random seed</b>: the same seed and input give the same model.</li></ul><p>Outputs: the <b>Model file</b> (.pt: weights, parameters, vocabulary of cells and the OD pairs) and an HTML <b>Report</b> with the pre-training loss curves (total, reconstruction, STSC, MIIC), the pseudo-label counts per OD, the DQN reward curve, the graph statistics and the parameters used. Training runs in the background and can be cancelled: no model file is written then.</p>": '<p>在假定为正常、按起讫点（OD）对分组的轨迹上训练 CroTad（Xue et al.，面向在线轨迹异常检测的对比强化学习）。每条轨迹被转换为 H3 单元格序列（去除连续重复）。单元格嵌入由 node2vec 在层次图上得到：可选的路网、可选的公共交通线路站点，以及训练轨迹中出现的单元格转移。编码器（在每个 OD 的频繁访问单元格上按路线进行图注意力、以 OD 嵌入初始化的 GRU、注意力池化）在由 WINDOW 个单元格组成的窗口上用三种损失进行预训练：被遮盖单元格的重建、同一窗口两个增强视图之间的对比（STSC），以及窗口与其生成的异常版本之间的对比（MIIC）。随后对每个 OD 的窗口做 DBSCAN 聚类得到伪标签（落在小簇中的窗口为异常，式 24），深度 Q 网络据此学习逐个在线标注窗口。使用<i>CroTad：检测异常子轨迹</i>应用该模型。</p><h3>参数</h3><ul><li><b>输入轨迹点</b>、<b>轨迹 ID 字段</b>、<b>时间字段</b>（可选；用于对点排序）。请使用正常轨迹：检测器学习的是每个 OD 的常规路线。</li><li><b>OD 字段</b>（可选）：保存每条轨迹 OD 对（或公交线路 + 方向）的字段，例如<i>分配 OD 对</i>生成的 <i>od_id</i>；以第一个点的值为准，值为 NULL 的轨迹被排除。留空时在此处按与<i>分配 OD 对</i>完全相同的方式推导 OD 对：取第一个点和最后一个点在 <b>OD 分辨率</b>（默认 8）下的 H3 单元格，保留至少有<b>每个 OD 对的最少行程数</b>（默认 20）条轨迹的 OD 对；这些 OD 对保存在模型中，以便检测时再次匹配。</li><li><b>H3 分辨率</b>（默认 10，与论文中 Porto 相同；公交为 9）和<b>窗口</b>（每个子轨迹的单元格数，默认 5；论文中公交为 10）。少于 2 个单元格的轨迹以及只有一条可用轨迹的 OD 值会被排除；短于窗口的轨迹使用填充窗口。</li><li><b>路网</b>（可选的线）和<b>站点</b>（可选的点，带有<b>线路</b>字段和给出站点沿线顺序的<b>序号</b>字段）为单元格图添加边。</li><li><b>预设</b>：fast-CPU（规模小、轮次少：在笔记本电脑上需数分钟）或 paper。设置了的高级参数会覆盖预设；留空的参数取预设值（或如其标签所述的自动值）。论文中的符号：δ<sub>od</sub> 频繁单元格阈值，ρ<sub>1</sub>-ρ<sub>4</sub> 数据增强，τ 温度，δ<sub>1</sub>/δ<sub>2</sub>/m/λ 为 MIIC 的参数，α 为各损失的权重，γ 为 DQN 折扣因子，δ<sub>p</sub> 为投票阈值。</li><li><b>随机种子</b>：相同的种子和输入得到相同的模型。</li></ul><p>输出：<b>模型文件</b>（.pt：权重、参数、单元格词表和 OD 对）和 HTML <b>报告</b>，包含预训练损失曲线（总损失、重建、STSC、MIIC）、各 OD 的伪标签数量、DQN 奖励曲线、图统计和所用参数。训练在后台运行，可以取消：取消时不写入模型文件。</p>',
    'Reading trajectories': '正在读取轨迹',
    'Mapping trajectories to H3 cells': '正在将轨迹映射到 H3 单元格',
    'Training CroTad (graph, node2vec, pre-training, clustering, DQN)': '正在训练 CroTad（图、node2vec、预训练、聚类、DQN）',
    'Pre-training': '预训练',
    'δod: frequent-cell threshold (visits per trajectory)': 'δod：频繁单元格阈值（每条轨迹的访问次数）',
    'node2vec cell embedding size (empty = preset)': 'node2vec 单元格嵌入维度（留空 = 预设）',
    'node2vec walk length': 'node2vec 游走长度',
    'node2vec walks per cell (empty = preset)': 'node2vec 每个单元格的游走次数（留空 = 预设）',
    'node2vec return parameter p': 'node2vec 返回参数 p',
    'node2vec in-out parameter q': 'node2vec 进出参数 q',
    'Encoder hidden size (empty = preset)': '编码器隐藏层大小（留空 = 预设）',
    'Graph attention heads (empty = preset)': '图注意力头数（留空 = 预设）',
    'Graph attention layers': '图注意力层数',
    'Projection head size (empty = preset)': '投影头大小（留空 = 预设）',
    'ρ1: most cells masked (empty = half the window)': 'ρ1：最多遮盖的单元格数（留空 = 窗口的一半）',
    'ρ2: most cells cut at the rear (empty = half the window)': 'ρ2：尾部最多截去的单元格数（留空 = 窗口的一半）',
    'ρ3: most cells cut at the head (empty = half the window)': 'ρ3：首部最多截去的单元格数（留空 = 窗口的一半）',
    'ρ4: largest share of masked cells to reconstruct': 'ρ4：待重建的遮盖单元格的最大比例',
    'τ: contrastive temperature': 'τ：对比学习温度',
    'δ1: normality score above which a positive pair counts fully': 'δ1：正样本对完全计入所需的正常性得分下限',
    'δ2: normality score below which a positive pair counts as negative': 'δ2：正样本对低于此正常性得分时视为负样本',
    'm: MIIC margin': 'm：MIIC 间隔',
    'λ: MIIC scale': 'λ：MIIC 缩放系数',
    'k-hop of rare replacement cells': '稀有替换单元格的 k 跳范围',
    'Generated negatives per window (empty = preset)': '每个窗口生成的负样本数（留空 = 预设）',
    'α1: weight of the reconstruction loss': 'α1：重建损失的权重',
    'α2: weight of the STSC loss': 'α2：STSC 损失的权重',
    'α3: weight of the MIIC loss': 'α3：MIIC 损失的权重',
    'Most batches per pre-training epoch (empty = preset)': '每个预训练轮次的最多批次数（留空 = 预设）',
    'Pre-training learning rate': '预训练学习率',
    'DBSCAN eps (empty = automatic)': 'DBSCAN eps（留空 = 自动）',
    'Automatic DBSCAN eps: quantile of the neighbour distances (empty = the one separating generated anomalies best)': '自动 DBSCAN eps：近邻距离的分位数（留空 = 最能区分生成异常的分位数）',
    'DBSCAN minimum samples': 'DBSCAN 最小样本数',
    'Training windows clustered per OD (empty = preset)': '每个 OD 参与聚类的训练窗口数（留空 = 预设）',
    'DQN training steps (empty = preset)': 'DQN 训练步数（留空 = 预设）',
    'DQN batch size (empty = preset)': 'DQN 批大小（留空 = 预设）',
    'γ: DQN discount': 'γ：DQN 折扣因子',
    'DQN learning rate': 'DQN 学习率',
    'DQN replay buffer size': 'DQN 经验回放缓冲区大小',
    'DQN target network update (steps)': 'DQN 目标网络更新间隔（步）',
    'Share of generated anomalous windows in DQN training': 'DQN 训练中生成的异常窗口所占比例',
    'DQN exploration rate at the start': 'DQN 初始探索率',
    'DQN exploration rate at the end': 'DQN 最终探索率',
    'δp: voting threshold (empty = the window: every window must vote anomalous)': 'δp：投票阈值（留空 = 窗口长度：所有窗口都须投异常票）',
    'OD field (empty = derive OD pairs from the end points)': 'OD 字段（留空 = 由起讫点推导 OD 对）',
    'OD resolution: H3 resolution of origin/destination cells (without an OD field)': 'OD 分辨率：起点/终点单元格的 H3 分辨率（无 OD 字段时）',
    'Minimum trips per OD pair (without an OD field)': '每个 OD 对的最少行程数（无 OD 字段时）',
    'H3 resolution of the trajectory cells (0-15)': '轨迹单元格的 H3 分辨率（0-15）',
    'Window (cells per sub-trajectory)': '窗口（每个子轨迹的单元格数）',
    'Road network (lines; optional)': '路网（线；可选）',
    'Stops (points; optional)': '站点（点；可选）',
    'Stops: route field': '站点：线路字段',
    'Stops: sequence field (order along the route)': '站点：序号字段（沿线路的顺序）',
    'Trajectories used for training': '用于训练的轨迹',
    'OD pairs in the model': '模型中的 OD 对',
    'Trajectories left out': '被排除的轨迹',
    'Pseudo-labels of the offline detector per OD': '离线检测器在各 OD 上的伪标签',
    'Online detector (DQN)': '在线检测器（DQN）',
    'Hierarchical graph': '层次图',
    'Timings': '耗时',
    'CroTad: detect anomalous sub-trajectories': 'CroTad：检测异常子轨迹',
    "<p>Labels every point of the input trajectories normal or anomalous with a model trained by <i>CroTad: train an online trajectory anomaly detector</i>. Each trajectory is mapped to H3 cells at the model's resolution (consecutive repeats removed) and cut into windows of the model's length L, padded at both ends so that every cell lies in exactly L windows. Each window is labelled normal or anomalous; a cell gets one vote per anomalous window holding it and is anomalous when its votes reach the <b>Voting threshold</b> (Eq. 26-27); a point takes the label of its cell.</p><h3>Parameters</h3><ul><li><b>Model file</b>: the .pt file written by the training algorithm.</li><li><b>Input trajectory points</b>, <b>Trajectory ID field</b>, <b>Time field</b> (optional; without it the input order of each trajectory's points is used).</li><li><b>OD field</b> (optional): the field holding each trajectory's OD pair (or route), with the values used in training. When empty: the training OD field when the input has it, else (for a model whose OD pairs were derived from end points) the stored pairs matched on the H3 cells of the first and last points. Trajectories of an OD the model does not know are skipped (a warning lists them).</li><li><b>Mode</b>: <i>online</i> replays all points in time order through the streaming detector (the deep Q-network labels each window as it is completed; a point is labelled as soon as its last window is seen, the results give the time per point); <i>offline</i> uses the clustering detector: a window is anomalous when it falls in a small DBSCAN cluster among the training windows of its OD (Eq. 24).</li><li><b>Voting threshold</b> (optional, 1 to L; empty = the model's).</li><li><b>Online: label whole trajectories at once</b> (advanced): the same labels as the replay, computed trajectory by trajectory (faster; no time per point).</li></ul><p>H3 cells the model never saw in training are allowed: they are encoded as an unknown cell, which the model treats as rare (usually anomalous).</p><h3>Outputs</h3><p><b>Flagged segments</b>: one line per run of equally labelled consecutive points of a trajectory (consecutive segments share their boundary point), with traj_id, od, start_time, end_time, n_points, label (1 = anomalous), mean_votes, anomaly_type (from the input, when present) and reviewed (empty, for the <i>Flagged segments</i> panel, which opens on this layer). Anomalous segments are red dashed, normal ones thin blue. <b>Labelled points</b>: traj_id, seq, time, od, cell (H3), votes, label, and is_anomaly / anomaly_type copied from the input when present; points of skipped trajectories have no label.</p><p>Results: N_TRAJECTORIES (labelled), N_SKIPPED (unknown OD), N_ANOMALOUS_TRAJECTORIES, N_ANOMALOUS_POINTS, N_SEGMENTS, TRAJECTORY_COUNTS (JSON: anomalous points per trajectory) and, for the replay, LATENCY_MS_MEDIAN / LATENCY_MS_P99 (milliseconds per point). When the input carries <i>is_anomaly</i> and <i>anomaly_type</i> (as the output of <i>Synthetic anomalies</i>), also window- and point-level precision, recall and F1 per anomaly type (WINDOW_P_/WINDOW_R_/WINDOW_F1_ and POINT_P_/POINT_R_/POINT_F1_ followed by the type, and _ALL over every trajectory), the false-positive rates of the normal trajectories, and an optional HTML <b>Report</b> with the table laid out like Table 2 of the paper.</p>": '<p>使用<i>CroTad：训练在线轨迹异常检测器</i>训练的模型，将输入轨迹的每个点标注为正常或异常。每条轨迹按模型的分辨率映射为 H3 单元格（去除连续重复），并切分为长度为模型窗口长度 L 的窗口，两端进行填充，使每个单元格恰好位于 L 个窗口中。每个窗口被标注为正常或异常；每个包含某单元格的异常窗口为其投一票，票数达到<b>投票阈值</b>时该单元格为异常（式 26-27）；点取其所在单元格的标签。</p><h3>参数</h3><ul><li><b>模型文件</b>：训练算法写出的 .pt 文件。</li><li><b>输入轨迹点</b>、<b>轨迹 ID 字段</b>、<b>时间字段</b>（可选；未指定时使用每条轨迹中点的输入顺序）。</li><li><b>OD 字段</b>（可选）：保存每条轨迹 OD 对（或线路）的字段，其取值须与训练时相同。留空时：若输入含有训练时的 OD 字段则使用该字段，否则（对于由起讫点推导 OD 对的模型）按第一个点和最后一个点的 H3 单元格匹配模型中保存的 OD 对。属于模型未知 OD 的轨迹将被跳过（警告中会列出）。</li><li><b>模式</b>：<i>在线</i>按时间顺序将所有点回放给流式检测器（深度 Q 网络在每个窗口完成时对其标注；点在其最后一个窗口出现后立即得到标签，结果中给出每个点的耗时）；<i>离线</i>使用聚类检测器：若窗口在其 OD 的训练窗口中落入一个小的 DBSCAN 簇，则为异常（式 24）。</li><li><b>投票阈值</b>（可选，1 到 L；留空 = 模型的取值）。</li><li><b>在线：一次标注整条轨迹</b>（高级）：与回放相同的标签，逐条轨迹计算（更快；没有每个点的耗时）。</li></ul><p>允许出现训练中未见过的 H3 单元格：它们被编码为未知单元格，模型将其视为稀有单元格（通常判为异常）。</p><h3>输出</h3><p><b>标记的路段</b>：轨迹中每一段标签相同的连续点为一条线（相邻路段共享边界点），字段为 traj_id、od、start_time、end_time、n_points、label（1 = 异常）、mean_votes、anomaly_type（输入中有时取自输入）和 reviewed（为空，供<i>标记的路段</i>面板使用，该面板会在此图层上打开）。异常路段显示为红色虚线，正常路段为蓝色细线。<b>已标注的点</b>：traj_id、seq、time、od、cell（H3）、votes、label，以及输入中存在时复制的 is_anomaly / anomaly_type；被跳过轨迹的点没有标签。</p><p>结果：N_TRAJECTORIES（已标注）、N_SKIPPED（未知 OD）、N_ANOMALOUS_TRAJECTORIES、N_ANOMALOUS_POINTS、N_SEGMENTS、TRAJECTORY_COUNTS（JSON：每条轨迹的异常点数），回放模式下还有 LATENCY_MS_MEDIAN / LATENCY_MS_P99（每个点的毫秒数）。当输入带有 <i>is_anomaly</i> 和 <i>anomaly_type</i> 字段（如<i>合成异常</i>的输出）时，还给出各异常类型在窗口级和点级的精确率、召回率和 F1（WINDOW_P_/WINDOW_R_/WINDOW_F1_ 和 POINT_P_/POINT_R_/POINT_F1_ 后接类型名，_ALL 表示全部轨迹）、正常轨迹的误报率，以及可选的 HTML <b>报告</b>，其中的表格按论文表 2 的格式排列。</p>',
    'normal': '正常',
    'anomalous': '异常',
    'Online: label whole trajectories at once instead of replaying (same labels)': '在线：一次标注整条轨迹而不逐点回放（标签相同）',
    'Detecting': '正在检测',
    'OD field (empty = as in training)': 'OD 字段（留空 = 与训练时相同）',
    'Mode': '模式',
    "Voting threshold (votes out of the window length; empty = the model's)": '投票阈值（以窗口长度为满票；留空 = 模型的取值）',
    'Trajectories labelled': '已标注的轨迹',
    'Trajectories skipped (OD unknown to the model)': '跳过的轨迹（模型未知的 OD）',
    'Trajectories with an anomalous point': '含异常点的轨迹',
    'Anomalous points': '异常点',
    'Segments': '路段',
    'Anomalous points per trajectory (JSON)': '每条轨迹的异常点数（JSON）',
    'Evaluation against the labelled points (Table 2 layout)': '基于已标注点的评估（表 2 格式）',
    'online: replay the points in time order (DQN)': '在线：按时间顺序回放各点（DQN）',
    'offline: clustering of windows (DBSCAN)': '离线：窗口聚类（DBSCAN）',
    'not labelled (OD unknown to the model)': '未标注（模型未知的 OD）',
    'Map matching: search radius (metres)': '地图匹配：搜索半径（米）',
    'Map matching: GPS noise (standard deviation, metres)': '地图匹配：GPS 噪声（标准差，米）',
    'Spatial units': '空间单元',
    'road segments (needs a road network)': '路段（需要道路网络）',
    'H3 cells': 'H3 单元格',
    'square grid cells': '正方形网格单元格',
    'H3 resolution (H3 cells)': 'H3 分辨率（H3 单元格）',
    'Grid cell size in metres (grid cells)': '网格单元格大小，单位为米（网格单元格）',
    'Metrics on the test trajectories': '测试轨迹上的指标',
    'Training of the head': '任务头的训练',
    'Model width d_model (empty = preset)': '模型宽度 d_model（留空 = 预设）',
    'Transformer layers (empty = preset)': 'Transformer 层数（留空 = 预设）',
    'GAT layers of the road encoder (empty = preset)': '道路编码器的 GAT 层数（留空 = 预设）',
    'Time-interval buckets N_B': '时间间隔分桶数 N_B',
    'Dropout': 'Dropout 比率',
    'Maximum units per trajectory (empty = preset)': '每条轨迹的最多单元数（留空 = 预设）',
    'Learning rate (empty = preset)': '学习率（留空 = 预设）',
    'Meta learning rate (empty = preset)': '元学习率（留空 = 预设）',
    'Meta epochs (empty = preset)': '元训练轮数（留空 = 预设）',
    'Epochs per source city and meta epoch (empty = preset)': '每个元训练轮次中每个源城市的训练轮数（留空 = 预设）',
    'Target pre-training epochs (empty = preset)': '目标城市预训练轮数（留空 = 预设）',
    'Target pre-training: at least this many batches (more epochs for a small target; empty = preset, 0 when the epochs are set)': '目标城市预训练：至少训练这么多个批次（目标城市数据少时增加轮数；留空 = 预设，设置了轮数时为 0）',
    'Share of units masked in spans': '按片段掩码的单元比例',
    'Mean masked span length (units)': '平均掩码片段长度（单元数）',
    'Share of other units whose time is masked': '其余单元中时间被掩码的比例',
    'Loss weight gamma of unit recovery (1 - gamma: time)': '单元恢复的损失权重 gamma（1 - gamma：时间）',
    'Test split of each source city (meta step)': '每个源城市的测试划分比例（元步骤）',
    'Target trajectories used at most': '目标城市最多使用的轨迹数',
    'Trajectories per source city at most': '每个源城市最多使用的轨迹数',
    'Minimum units per trajectory': '每条轨迹的最少单元数',
    'Meta-training on the source cities': '在源城市上进行元训练',
    'Pre-training on the target city': '在目标城市上进行预训练',
    'Road network (lines)': '道路网络（线）',
    'Road class field (e.g. OSM highway; optional)': '道路等级字段（例如 OSM highway；可选）',
    'Number of lanes field (optional)': '车道数字段（可选）',
    'Maximum speed field (km/h; optional)': '最高限速字段（km/h；可选）',
    'Lines can be driven in both directions (undirected road layer)': '线可双向行驶（无向道路图层）',
    'Start node ID field (optional; default: lines connect where their end points meet)': '起始节点 ID 字段（可选；默认：线在端点相交处相连）',
    'End node ID field (optional)': '终止节点 ID 字段（可选）',
    'ROAD_NETWORK: the road network must be a line layer; choose a layer of road lines.': 'ROAD_NETWORK：道路网络必须是线图层；请选择一个道路线图层。',
    'ROAD_NETWORK: the road layer has no valid CRS; set its CRS first.': 'ROAD_NETWORK：道路图层没有有效的坐标参考系；请先设置其坐标参考系。',
    'ROAD_NETWORK: the road layer has no features; choose a layer with road lines.': 'ROAD_NETWORK：道路图层没有要素；请选择包含道路线的图层。',
    "{0}: the field '{1}' does not exist in the road layer. Available fields: {2}": "{0}：道路图层中不存在字段 '{1}'。可用字段：{2}",
    'START_NODE_FIELD / END_NODE_FIELD: give both node id fields, or neither.': 'START_NODE_FIELD / END_NODE_FIELD：请同时指定两个节点 ID 字段，或都不指定。',
    '{0} multi-part road line(s) have parts that do not meet; only their longest part is used.': '{0} 条多部件道路线的各部分互不相接；仅使用其最长的部分。',
    'Map-match trajectories to road segments': '将轨迹地图匹配到路段',
    "<p>Puts GPS trajectory points onto the lines of a road layer with a hidden Markov model (Newson and Krumm, 2009) and writes the sequence of road segments each trajectory drove. Road segments are the units of the MetaTRL algorithms: matching once shows how well a road layer fits the trajectories.</p><p>Each point's candidates are the road lines within the search radius. A candidate is likelier the nearer the point (GPS noise), and a pair of candidates of consecutive points is likelier the closer the driving distance between them (respecting the lines' directions and the connections of the network) is to the straight distance between the points. The most likely sequence is found with the Viterbi algorithm. Where no candidate of a point can be reached from the previous point's, the match breaks and starts again (counted in N_BREAKS); points without a road line within the radius are left out. Segments between two matched points are filled in along the shortest path.</p><h3>Parameters</h3><p><b>Input trajectory points</b> with a <b>trajectory ID field</b> and a <b>time field</b> (both needed).</p><p><b>Road network</b>: a line layer; lines connect where their end points meet (within 0.5 m), or through the advanced <b>start/end node ID fields</b> (such as OSMnx's u/v or start_node/end_node). Lines are driven in their digitised direction: layers with one line per driving direction (OSMnx exports) need nothing more; tick <b>Lines can be driven in both directions</b> for layers whose lines are undirected (each line then gives two segments). Turning back onto the same line is only allowed at dead ends.</p><p><b>Road class / lanes / maximum speed fields</b> (optional) become attributes of the segments for the MetaTRL algorithms; matching does not use them.</p><p><b>Search radius</b> (metres, default 50): how far from a point road lines are considered. <b>GPS noise</b> (metres, default 20): standard deviation of the position error.</p><h3>Output</h3><p>One line per trajectory along the matched segments, in the road layer's CRS: traj_id, n_units (segments), units (segment keys: 2 x feature id, + 1 for a line driven against its direction), segment_fids (feature ids of the road lines), n_points, matched_points, share (matched share of the points), n_breaks, start_time and end_time of the trajectory. Trajectories with no matched point get no geometry. Results: MATCHED_SHARE (share of all points matched), N_BREAKS, N_TRAJECTORIES.</p>": '<p>用隐马尔可夫模型（Newson 和 Krumm，2009）将 GPS 轨迹点匹配到道路图层的线上，并写出每条轨迹所行驶的路段序列。路段是 MetaTRL 算法所用的单元：先做一次匹配即可看出道路图层与轨迹的吻合程度。</p><p>每个点的候选是搜索半径内的道路线。点离候选越近，该候选的可能性越大（GPS 噪声）；相邻两点的一对候选之间的行驶距离（遵循线的方向和路网的连接关系）越接近两点之间的直线距离，这对候选的可能性越大。最可能的序列由 Viterbi 算法求得。若某点的所有候选都无法从前一点的候选到达，匹配就在此中断并重新开始（计入 N_BREAKS）；半径内没有道路线的点会被舍弃。两个已匹配点之间的路段沿最短路径补全。</p><h3>参数</h3><p>带有<b>轨迹 ID 字段</b>和<b>时间字段</b>（两者均为必需）的<b>输入轨迹点</b>。</p><p><b>道路网络</b>：线图层；线在端点相交处（0.5 m 以内）相连，或通过高级参数<b>起始/终止节点 ID 字段</b>（例如 OSMnx 的 u/v 或 start_node/end_node）相连。线按其数字化方向行驶：每个行驶方向一条线的图层（OSMnx 导出的数据）无需额外设置；对于线无方向的图层，请勾选<b>线可双向行驶</b>（此时每条线生成两个路段）。只有在断头路处才允许掉头驶回同一条线。</p><p><b>道路等级 / 车道数 / 最高限速字段</b>（可选）会成为路段的属性，供 MetaTRL 算法使用；匹配本身不使用它们。</p><p><b>搜索半径</b>（米，默认 50）：在点周围多远范围内考虑道路线。<b>GPS 噪声</b>（米，默认 20）：位置误差的标准差。</p><h3>输出</h3><p>每条轨迹一条沿已匹配路段的线，采用道路图层的坐标参考系：traj_id、n_units（路段数）、units（路段键：2 x 要素 ID，逆着线的方向行驶时再 + 1）、segment_fids（道路线的要素 ID）、n_points、matched_points、share（点的匹配比例）、n_breaks，以及轨迹的 start_time 和 end_time。没有任何已匹配点的轨迹没有几何。结果：MATCHED_SHARE（所有点中已匹配的比例）、N_BREAKS、N_TRAJECTORIES。</p>',
    'Matched trajectories': '匹配后的轨迹',
    'Share of the points matched': '已匹配点的比例',
    'Number of breaks of the matching': '匹配中断次数',
    'TIME_FIELD: map matching needs the time of each point; choose the time field of the input.': 'TIME_FIELD：地图匹配需要每个点的时间；请选择输入图层的时间字段。',
    'RADIUS: no trajectory point lies within {0} m of a road line: the trajectories are off the road network. Check that both layers have the right CRS (trajectories: {1}, roads: {2}) and cover the same area, or use a larger search radius.': 'RADIUS：没有任何轨迹点位于道路线 {0} 米范围内：轨迹不在道路网络上。请检查两个图层的坐标参考系是否正确（轨迹：{1}，道路：{2}）且覆盖同一区域，或使用更大的搜索半径。',
    'MetaTRL: embed trajectories': 'MetaTRL：嵌入轨迹',
    "<p>Embeds trajectories with a model trained by <i>MetaTRL: train cross-city trajectory embeddings</i>. The trajectories are put on the model's units: cells are looked up in the model's cell set (cells the model never saw are skipped); road-segment models need the <b>Road network</b> they were trained on (a different network is refused) and map-match the points again.</p><p>Output: one feature per trajectory with traj_id, n_points, n_units, start and end time, PCA_1 and PCA_2 (PCA after standardising every dimension) and the embedding as one numeric field per value (e000, e001, ...) or one JSON text field (<b>Embedding format</b>); <b>Geometry</b>: the trajectory as a line, or none (a table). A trajectory that crosses none of the units gets empty values. <b>Embeddings file</b> (optional): the matrix as .npy or .csv. The output opens in the <i>Embedding explorer</i> dock.</p>": '<p>用<i>MetaTRL：训练跨城市轨迹嵌入</i>得到的模型对轨迹进行嵌入。轨迹被映射到模型的单元上：在模型的单元格集合中查找单元格（模型从未见过的单元格会被跳过）；基于路段的模型需要其训练时所用的<b>道路网络</b>（不同的路网会被拒绝），并重新对点进行地图匹配。</p><p>输出：每条轨迹一个要素，字段包括 traj_id、n_points、n_units、开始和结束时间、PCA_1 和 PCA_2（将每一维标准化后做的 PCA），以及嵌入本身：每个值一个数值字段（e000、e001……）或一个 JSON 文本字段（<b>嵌入格式</b>）；<b>几何</b>：轨迹线，或无几何（表格）。未经过任何单元的轨迹得到空值。<b>嵌入文件</b>（可选）：以 .npy 或 .csv 保存的矩阵。输出会在<i>嵌入浏览器</i>停靠窗口中打开。</p>',
    'Geometry': '几何',
    'trajectory lines': '轨迹线',
    'none (table)': '无（表格）',
    'Embedded trajectories': '已嵌入的轨迹',
    'MetaTRL: downstream task (destination, travel time, classification)': 'MetaTRL：下游任务（目的地、行程时间、分类）',
    "<p>Uses a MetaTRL encoder (from <i>MetaTRL: train cross-city trajectory embeddings</i>) for a task: a linear head is trained on the <b>training share</b> of the input trajectories (10% of it held out for early stopping), the encoder fine-tuned with it (or frozen), and every trajectory is predicted. The metrics are computed on the other trajectories (the test share).</p><p><b>Task</b>: <i>destination</i> - the unit of the last point, from the trajectory with its last <b>tail share</b> of units removed (micro-F1, macro-F1, Recall@5), or with <b>Destination: units to predict</b> k above 0 each of the last k units from the trajectory without them (the protocol of the MetaTRL authors' code, which uses k = 4; the metrics pool the k positions); <i>travel time</i> - minutes from the first to the last unit, seeing the units and only the departure time (MAE, MAPE, RMSE); <i>classification</i> - the class in <b>Label field</b> (e.g. a GeoLife transport mode; with points, the most frequent value of each trajectory; accuracy, macro-F1, Recall@5 with 5 or more classes, AUC for two classes). Road-segment models need the <b>Road network</b> they were trained on.</p><p>Output: one line per trajectory with its split (train / validation / test), the target and the prediction (destination: the predicted last unit, its centre and the top five, and with k units to predict how many of them are right; travel time: the absolute error), styled by correctness or error. The metrics are in the results and the optional <b>Report</b>.</p>": '<p>将 MetaTRL 编码器（来自<i>MetaTRL：训练跨城市轨迹嵌入</i>）用于一项任务：在输入轨迹的<b>训练比例</b>部分上训练一个线性任务头（其中 10% 留作提前停止之用），编码器随之微调（或保持冻结），然后对每条轨迹进行预测。指标在其余轨迹（测试部分）上计算。</p><p><b>任务</b>：<i>目的地</i> - 最后一个点所在的单元，输入为去掉末尾<b>尾部比例</b>单元后的轨迹（micro-F1、macro-F1、Recall@5）；或者当<b>目的地：要预测的单元数</b> k 大于 0 时，从去掉最后 k 个单元的轨迹预测这 k 个单元中的每一个（MetaTRL 作者代码的评测方式，其取 k = 4；指标汇总 k 个位置）；<i>行程时间</i> - 从第一个单元到最后一个单元的分钟数，只可见单元序列和出发时间（MAE、MAPE、RMSE）；<i>分类</i> - <b>标签字段</b>中的类别（例如 GeoLife 的交通方式；对于点图层，取每条轨迹中出现最多的值；指标为准确率、macro-F1、类别数不少于 5 时的 Recall@5、二分类时的 AUC）。基于路段的模型需要其训练时所用的<b>道路网络</b>。</p><p>输出：每条轨迹一条线，包含其划分（训练 / 验证 / 测试）、目标值和预测值（目的地：预测的最后一个单元、其中心点和前五名，以及在预测 k 个单元时其中预测正确的个数；行程时间：绝对误差），按正确与否或误差大小设置样式。指标见结果以及可选的<b>报告</b>。</p>',
    'Task': '任务',
    'destination prediction': '目的地预测',
    'travel-time estimation': '行程时间估计',
    'trajectory classification': '轨迹分类',
    'Label field (classification)': '标签字段（分类）',
    'Training share of the trajectories': '用于训练的轨迹比例',
    'Fine-tune the encoder (otherwise only the head is trained)': '微调编码器（否则只训练任务头）',
    'Destination: share of units removed from the end': '目的地：从末尾移除的单元比例',
    'Destination: units to predict (0 = the last unit after removing the tail share; k = each of the last k units)': '目的地：要预测的单元数（0 = 去掉尾部比例后的最后一个单元；k = 最后 k 个单元中的每一个）',
    'Learning rate of the head': '任务头的学习率',
    'Predictions': '预测结果',
    'Test trajectories': '测试轨迹',
    'Training the task head': '正在训练任务头',
    'MetaTRL: train cross-city trajectory embeddings': 'MetaTRL：训练跨城市轨迹嵌入',
    "<p>Learns trajectory embeddings for a <b>target</b> city with MetaTRL (Yu et al., AAAI 2026): a road (or cell) encoder with meta-knowledge of the road structure, a transferable temporal encoder and a transformer that takes its queries and keys from parameters shared between cities and its values from the city's private parameters. Pre-training is self-supervised: whole sub-trajectories are masked and recovered (units and visit times).</p><p><b>Source cities</b> (optional, one trajectory layer per city, e.g. a data-rich city): before the target is trained, a meta model learns the shared parameters from them (for each source: clone, train on its training split, update the meta model from its test split), and the target starts from them. Without sources it is single-city pre-training. Source layers are read with the <b>source trajectory ID / time fields</b> (empty = the target's field names).</p><p><b>Spatial units</b>: road segments of the <b>Road network</b> (trajectories are map-matched with a hidden-Markov matcher: candidate radius and GPS sigma are advanced settings; optional road class, lanes and max speed fields become attributes), or H3 / square grid cells. Source cities use their own road layer from <b>Source road networks</b> (same order as the sources) or, without one, H3 cells at the H3 resolution.</p><p><b>Preset</b>: fast-CPU (2 layers of width 64) or paper (6 layers, d_model 128, 8 heads, batch 64, learning rate 2e-4, meta learning rate 5e-4, 5 meta epochs); every engine setting is an advanced parameter (empty = the preset's). The <b>Model file</b> holds the target's model, its units and the settings; apply it with <i>MetaTRL: embed trajectories</i> or <i>MetaTRL: downstream task</i>. The <b>Report</b> shows the loss curves per city and phase.</p>": '<p>用 MetaTRL（Yu et al.，AAAI 2026）为<b>目标</b>城市学习轨迹嵌入：一个带有道路结构元知识的道路（或单元格）编码器、一个可迁移的时间编码器，以及一个 Transformer，其查询和键来自城市间共享的参数，值来自该城市的私有参数。预训练是自监督的：对整段子轨迹进行掩码并加以恢复（单元和访问时间）。</p><p><b>源城市</b>（可选，每个城市一个轨迹图层，例如数据丰富的城市）：在训练目标城市之前，元模型先从源城市学习共享参数（对每个源城市：克隆、在其训练划分上训练、用其测试划分更新元模型），目标城市从这些参数开始训练。没有源城市时即为单城市预训练。源图层按<b>源城市轨迹 ID / 时间字段</b>读取（留空 = 与目标城市的字段名相同）。</p><p><b>空间单元</b>：<b>道路网络</b>的路段（轨迹用隐马尔可夫匹配器进行地图匹配：候选半径和 GPS sigma 为高级设置；可选的道路等级、车道数和最高限速字段会成为属性），或 H3 / 正方形网格单元格。源城市使用<b>源城市道路网络</b>中各自的道路图层（顺序与源城市相同），没有道路图层时使用该 H3 分辨率下的 H3 单元格。</p><p><b>预设</b>：快速 CPU（2 层，宽度 64）或论文设置（6 层，d_model 128，8 个注意力头，批大小 64，学习率 2e-4，元学习率 5e-4，5 个元训练轮次）；每项引擎设置都是高级参数（留空 = 使用预设值）。<b>模型文件</b>保存目标城市的模型、其单元和设置；可通过<i>MetaTRL：嵌入轨迹</i>或<i>MetaTRL：下游任务</i>使用它。<b>报告</b>显示每个城市和各阶段的损失曲线。</p>',
    'Source cities (trajectory layers; optional)': '源城市（轨迹图层；可选）',
    "Sources: trajectory ID field (empty = the target's)": '源城市：轨迹 ID 字段（留空 = 与目标城市相同）',
    "Sources: time field (empty = the target's)": '源城市：时间字段（留空 = 与目标城市相同）',
    'Source road networks (lines, in the order of the sources; optional)': '源城市道路网络（线，按源城市的顺序；可选）',
    'Meta update': '元更新',
    "continue from the source's shared parameters, then the test-gradient step": '从源城市训练后的共享参数继续，然后执行测试梯度步',
    'test-gradient step only (Eq. 2 literally)': '仅执行测试梯度步（严格按公式 2）',
    'Target trajectories used': '使用的目标城市轨迹数',
    'Units of the target': '目标城市的单元数',
    'Share of target points matched to roads': '匹配到道路的目标城市点比例',
    'Reading the target trajectories': '正在读取目标城市轨迹',
    'Meta-training and pre-training': '元训练与预训练',
    'Position features of the units (octaves; 0 = none)': '单元位置特征（倍频程数；0 = 不使用）',
    'Learned embedding of every unit (private)': '每个单元的可学习嵌入（私有）',
    'Epochs (empty = 20 fine-tuning, 100 frozen)': '训练轮数（留空 = 微调 20 轮，冻结 100 轮）',
    'Learning rate of the encoder when fine-tuned': '微调时编码器的学习率',
    "Centres {0} hold no trajectory: the ground truth has {1} clusters, not {2}. Cluster with "
    "N_CLUSTERS = {1} (N_NONEMPTY_CLUSTERS in the results), or move or drop those centres.": "中心 {0} 没有任何轨迹：真值只有 {1} 个簇，而不是 {2} 个。请用 N_CLUSTERS = {1}（结果中的 "
    "N_NONEMPTY_CLUSTERS）进行聚类，或移动、删除这些中心。",
}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: %s FILE.ts\n" % argv[0])
        return 2
    path = argv[1]
    tree = ET.parse(path)
    root = tree.getroot()
    root.set("language", LANGUAGE)
    if not root.get("version"):
        root.set("version", "2.1")
    done = unfinished = 0
    missing = []
    for message in root.iter("message"):
        source = message.find("source")
        text = source.text if source is not None and source.text is not None else ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if text in TRANSLATIONS:
            translation.text = TRANSLATIONS[text]
            translation.attrib.pop("type", None)
            done += 1
        elif translation.get("type") == "unfinished" or not (translation.text or "").strip():
            translation.set("type", "unfinished")
            unfinished += 1
            missing.append(text)
        else:
            done += 1  # translated by hand in the .ts; keep it
    body = ET.tostring(root, encoding="unicode")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(body)
        f.write("\n")
    print("%s: %d message(s) translated, %d unfinished" % (path, done, unfinished))
    for text in missing:
        print("  unfinished: %r" % (text[:80],))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

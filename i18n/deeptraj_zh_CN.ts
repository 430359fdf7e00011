<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <location filename="../processing_provider/qgis_params.py" line="144"/>
        <source>empty = the preset&apos;s value</source>
        <translation>留空 = 使用预设值</translation>
    </message>
    <message>
        <location filename="../processing_provider/qgis_params.py" line="153"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../processing_provider/qgis_params.py" line="153"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../processing_provider/qgis_params.py" line="174"/>
        <source>advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <location filename="../processing_provider/qgis_params.py" line="249"/>
        <source>{0} must be a finite number, got {1}.</source>
        <translation>{0} 必须是有限数值，实际为 {1}。</translation>
    </message>
    <message>
        <location filename="../processing_provider/qgis_params.py" line="251"/>
        <source>{0} must be at least {1}, got {2}.</source>
        <translation>{0} 必须不小于 {1}，实际为 {2}。</translation>
    </message>
    <message>
        <location filename="../processing_provider/qgis_params.py" line="253"/>
        <source>{0} must be at most {1}, got {2}.</source>
        <translation>{0} 必须不大于 {1}，实际为 {2}。</translation>
    </message>
</context>
<context>
    <name>ClassicClusteringAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="941"/>
        <source>Computing trajectory distances and medoids</source>
        <translation>正在计算轨迹距离和 medoid</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="942"/>
        <source>Pre-training t2vec, then k-means</source>
        <translation>正在预训练 t2vec，然后进行 k-means</translation>
    </message>
</context>
<context>
    <name>CroTadDetectAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="923"/>
        <source>Reading trajectories</source>
        <translation>正在读取轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="921"/>
        <source>Detecting</source>
        <translation>正在检测</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="922"/>
        <source>Writing the segments and points</source>
        <translation>正在写入片段和点</translation>
    </message>
</context>
<context>
    <name>CroTadTrainAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="931"/>
        <source>Reading trajectories</source>
        <translation>正在读取轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="932"/>
        <source>Mapping trajectories to H3 cells</source>
        <translation>正在将轨迹映射到 H3 单元格</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="933"/>
        <source>Training CroTad (graph, node2vec, pre-training, clustering, DQN)</source>
        <translation>正在训练 CroTad（图、node2vec、预训练、聚类、DQN）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="934"/>
        <source>Writing the model file</source>
        <translation>正在写入模型文件</translation>
    </message>
</context>
<context>
    <name>DeepTraj</name>
    <message>
        <location filename="../build/spec_strings.py" line="866"/>
        <source>DeepTraj: install Python dependencies</source>
        <translation>DeepTraj：安装 Python 依赖</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="867"/>
        <source>Install only the missing packages</source>
        <translation>仅安装缺失的包</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="874"/>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="875"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="882"/>
        <source>Missing Python packages: &lt;b&gt;{0}&lt;/b&gt;.</source>
        <translation>缺少的 Python 包：&lt;b&gt;{0}&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="876"/>
        <source>All DeepTraj Python packages are available.</source>
        <translation>DeepTraj 所需的所有 Python 包均已可用。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="879"/>
        <source>Stopping pip…</source>
        <translation>正在停止 pip…</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="884"/>
        <source>Could not start {0}: {1}</source>
        <translation>无法启动 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="877"/>
        <source>pip was stopped before it finished.</source>
        <translation>pip 在完成之前被停止。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="885"/>
        <source>pip failed (exit code {0}).</source>
        <translation>pip 执行失败（退出代码 {0}）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="888"/>
        <source>&amp;DeepTraj</source>
        <translation>&amp;DeepTraj</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="890"/>
        <source>Install dependencies…</source>
        <translation>安装依赖…</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="891"/>
        <source>Open DeepTraj toolbox</source>
        <translation>打开 DeepTraj 工具箱</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="892"/>
        <source>About DeepTraj / dependency status</source>
        <translation>关于 DeepTraj / 依赖状态</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="899"/>
        <source>Some algorithms need Python packages that are not installed: {0}.</source>
        <translation>部分算法需要尚未安装的 Python 包：{0}。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="889"/>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="904"/>
        <source>Missing Python packages:</source>
        <translation>缺少的 Python 包：</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="901"/>
        <source>Use Plugins &gt; DeepTraj &gt; Install dependencies…</source>
        <translation>请使用 插件 &gt; DeepTraj &gt; 安装依赖…</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="902"/>
        <source>All Python packages are available.</source>
        <translation>所有 Python 包均已可用。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="898"/>
        <source>Private package folder</source>
        <translation>私有包文件夹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="903"/>
        <source>not created yet</source>
        <translation>尚未创建</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="895"/>
        <source>About DeepTraj</source>
        <translation>关于 DeepTraj</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="907"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="908"/>
        <source>Discretization</source>
        <translation>离散化</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="909"/>
        <source>Ground truth</source>
        <translation>真值</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="910"/>
        <source>Clustering</source>
        <translation>聚类</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="911"/>
        <source>Anomaly detection</source>
        <translation>异常检测</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="912"/>
        <source>Embedding</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="179"/>
        <source>Input trajectories (points, or lines)</source>
        <translation>输入轨迹（点或线）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="130"/>
        <source>Input trajectory points</source>
        <translation>输入轨迹点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="181"/>
        <source>Trajectory ID field</source>
        <translation>轨迹 ID 字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="183"/>
        <source>Time field (points: timestamp; lines: start time)</source>
        <translation>时间字段（点：时间戳；线：起始时间）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="185"/>
        <source>Sampling interval of line vertices without M (seconds)</source>
        <translation>无 M 值的线顶点采样间隔（秒）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="913"/>
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="914"/>
        <source>Out of memory: try a smaller input or a coarser discretization.</source>
        <translation>内存不足：请尝试更小的输入或更粗的离散化。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="917"/>
        <source>{0}: &apos;{1}&apos; is not a valid CRS.</source>
        <translation>{0}：'{1}' 不是有效的坐标参考系。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="197"/>
        <source>Collapse consecutive repeated cells</source>
        <translation>合并连续重复的单元格</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="199"/>
        <source>Cells</source>
        <translation>单元格</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="201"/>
        <source>Token sequences</source>
        <translation>词元序列</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="203"/>
        <source>Vocabulary (JSON)</source>
        <translation>词表（JSON）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="940"/>
        <source>{0} token(s) are UNK: their points lie outside the grid extent</source>
        <translation>{0} 个词元为 UNK：其对应的点位于网格范围之外</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="1001"/>
        <source>DeepTraj: deep trajectory mining</source>
        <translation>DeepTraj：深度轨迹挖掘</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="919"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="944"/>
        <source>Scores against the ground truth</source>
        <translation>相对于真值的评分</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="945"/>
        <source>Pre-training (t2vec)</source>
        <translation>预训练（t2vec）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="946"/>
        <source>Self-training</source>
        <translation>自训练</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="947"/>
        <source>Choosing k (elbow)</source>
        <translation>选择 k（肘部法则）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="5"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="918"/>
        <source>{0} must be a projected CRS in metres (or empty for the UTM zone of the data).</source>
        <translation>{0} 必须是以米为单位的投影坐标参考系（或留空以使用数据所在的 UTM 分带）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="893"/>
        <source>Embedding explorer</source>
        <translation>嵌入浏览器</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="580"/>
        <source>User field (user-days; LYMob: uid)</source>
        <translation>用户字段（用户日；LYMob：uid）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="988"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="989"/>
        <source>Next location on held-out users</source>
        <translation>留出用户上的下一位置预测</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="990"/>
        <source>User re-identification across days (held-out users)</source>
        <translation>跨日用户再识别（留出用户）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="991"/>
        <source>PCA after standardisation</source>
        <translation>标准化后的 PCA</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="564"/>
        <source>Flagged segments</source>
        <translation>标记的片段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="894"/>
        <source>Inspect and review the anomalous segments found by CroTad anomaly detection</source>
        <translation>查看并审核 CroTad 异常检测发现的异常片段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="1002"/>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="1003"/>
        <source>anomalous</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="924"/>
        <source>not labelled (OD unknown to the model)</source>
        <translation>未标注（模型未知的 OD）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="920"/>
        <source>Evaluation against the labelled points (Table 2 layout)</source>
        <translation>基于已标注点的评估（表 2 格式）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="926"/>
        <source>Pre-training</source>
        <translation>预训练</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="927"/>
        <source>Pseudo-labels of the offline detector per OD</source>
        <translation>离线检测器在各 OD 上的伪标签</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="928"/>
        <source>Online detector (DQN)</source>
        <translation>在线检测器（DQN）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="929"/>
        <source>Hierarchical graph</source>
        <translation>层次图</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="930"/>
        <source>Timings</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="444"/>
        <source>Road network (lines)</source>
        <translation>道路网络（线）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="658"/>
        <source>Lines can be driven in both directions (undirected road layer)</source>
        <translation>线可双向行驶（无向道路图层）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="973"/>
        <source>ROAD_NETWORK: the road network must be a line layer; choose a layer of road lines.</source>
        <translation>ROAD_NETWORK：道路网络必须是线图层；请选择一个道路线图层。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="974"/>
        <source>ROAD_NETWORK: the road layer has no valid CRS; set its CRS first.</source>
        <translation>ROAD_NETWORK：道路图层没有有效的坐标参考系；请先设置其坐标参考系。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="975"/>
        <source>ROAD_NETWORK: the road layer has no features; choose a layer with road lines.</source>
        <translation>ROAD_NETWORK：道路图层没有要素；请选择包含道路线的图层。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="978"/>
        <source>{0}: the field &apos;{1}&apos; does not exist in the road layer. Available fields: {2}</source>
        <translation>{0}：道路图层中不存在字段 '{1}'。可用字段：{2}</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="976"/>
        <source>START_NODE_FIELD / END_NODE_FIELD: give both node id fields, or neither.</source>
        <translation>START_NODE_FIELD / END_NODE_FIELD：请同时指定两个节点 ID 字段，或都不指定。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="977"/>
        <source>{0} multi-part road line(s) have parts that do not meet; only their longest part is used.</source>
        <translation>{0} 条多部件道路线的各部分互不相接；仅使用其最长的部分。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="664"/>
        <source>Map matching: search radius (metres)</source>
        <translation>地图匹配：搜索半径（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="666"/>
        <source>Map matching: GPS noise (standard deviation, metres)</source>
        <translation>地图匹配：GPS 噪声（标准差，米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="686"/>
        <source>Spatial units</source>
        <translation>空间单元</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="688"/>
        <source>road segments (needs a road network)</source>
        <translation>路段（需要道路网络）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="689"/>
        <source>H3 cells</source>
        <translation>H3 单元格</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="690"/>
        <source>square grid cells</source>
        <translation>正方形网格单元格</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="692"/>
        <source>H3 resolution (H3 cells)</source>
        <translation>H3 分辨率（H3 单元格）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="694"/>
        <source>Grid cell size in metres (grid cells)</source>
        <translation>网格单元格大小，单位为米（网格单元格）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="967"/>
        <source>Metrics on the test trajectories</source>
        <translation>测试轨迹上的指标</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="968"/>
        <source>Training of the head</source>
        <translation>任务头的训练</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="542"/>
        <source>Trajectories left out</source>
        <translation>被排除的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="714"/>
        <source>Time-interval buckets N_B</source>
        <translation>时间间隔分桶数 N_B</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="716"/>
        <source>Dropout</source>
        <translation>Dropout 比率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="732"/>
        <source>Share of units masked in spans</source>
        <translation>按片段掩码的单元比例</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="734"/>
        <source>Mean masked span length (units)</source>
        <translation>平均掩码片段长度（单元数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="736"/>
        <source>Share of other units whose time is masked</source>
        <translation>其余单元中时间被掩码的比例</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="738"/>
        <source>Loss weight gamma of unit recovery (1 - gamma: time)</source>
        <translation>单元恢复的损失权重 gamma（1 - gamma：时间）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="740"/>
        <source>Test split of each source city (meta step)</source>
        <translation>每个源城市的测试划分比例（元步骤）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="742"/>
        <source>Target trajectories used at most</source>
        <translation>目标城市最多使用的轨迹数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="744"/>
        <source>Trajectories per source city at most</source>
        <translation>每个源城市最多使用的轨迹数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="746"/>
        <source>Minimum units per trajectory</source>
        <translation>每条轨迹的最少单元数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="965"/>
        <source>Meta-training on the source cities</source>
        <translation>在源城市上进行元训练</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="966"/>
        <source>Pre-training on the target city</source>
        <translation>在目标城市上进行预训练</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="341"/>
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="712"/>
        <source>Position features of the units (octaves; 0 = none)</source>
        <translation>单元位置特征（倍频程数；0 = 不使用）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="6"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="7"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="8"/>
        <source>advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="9"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="10"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="11"/>
        <source>empty = the preset&apos;s value</source>
        <translation>留空 = 使用预设值</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="12"/>
        <source>Import trajectory file (CSV, Porto, GeoLife, LYMob)</source>
        <translation>导入轨迹文件（CSV、Porto、GeoLife、LYMob）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="13"/>
        <source>Imports a trajectory file as a point layer (one feature per GPS fix, in file order) and, optionally, one LineStringM per trajectory.</source>
        <translation>将轨迹文件导入为点图层（每个 GPS 定位一个要素，按文件顺序），并可选地为每条轨迹生成一条 LineStringM。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="14"/>
        <source>The file is read in chunks, so files with millions of points import with little memory; progress follows the position in the file and Cancel stops between chunks (output files this run created are then removed).</source>
        <translation>文件按块读取，因此包含数百万个点的文件也只需少量内存即可导入；进度按文件中的读取位置显示，“取消”会在两个块之间停止（此时会删除本次运行已创建的输出文件）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="15"/>
        <source>Generic points CSV: one row per point; uses the X, Y, ID and time fields, the delimiter and the CRS; every column except X and Y is kept.</source>
        <translation>通用点 CSV：每行一个点；使用 X、Y、ID 和时间字段、分隔符以及坐标参考系；除 X 和 Y 外的所有列均保留。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="16"/>
        <source>Rows without numeric coordinates are skipped and counted.</source>
        <translation>没有数值坐标的行会被跳过并计数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="17"/>
        <source>Ids are read as text (leading zeros kept); rows without id are skipped and counted.</source>
        <translation>ID 按文本读取（保留前导零）；没有 ID 的行会被跳过并计数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="18"/>
        <source>Unreadable times are left empty and counted.</source>
        <translation>无法读取的时间留空并计数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="19"/>
        <source>Porto taxi CSV (ECML/PKDD 2015: TRIP_ID, CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND, TAXI_ID, TIMESTAMP, DAY_TYPE, MISSING_DATA, POLYLINE): one trajectory per TRIP_ID, point k of POLYLINE [[lon,lat],...] at TIMESTAMP + 15 s × k (column seq = k); trips with an empty POLYLINE are skipped and counted; the other columns are kept; always WGS 84.</source>
        <translation>Porto 出租车 CSV（ECML/PKDD 2015：TRIP_ID、CALL_TYPE、ORIGIN_CALL、ORIGIN_STAND、TAXI_ID、TIMESTAMP、DAY_TYPE、MISSING_DATA、POLYLINE）：每个 TRIP_ID 一条轨迹，POLYLINE [[lon,lat],...] 中第 k 个点的时间为 TIMESTAMP + 15 s × k（列 seq = k）；POLYLINE 为空的行程会被跳过并计数；其他列均保留；坐标始终为 WGS 84。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="21"/>
        <source>GeoLife .plt folder tree (GeoLife 1.3: Data/USER/Trajectory/*.plt, 6 header lines then lat,lon,0,altitude in feet,days,date,time): the Data folder, a user folder or any .plt inside (a .plt file stands for the whole tree); trajectory id = USER_FILENAME; columns user_id, lat, lon, alt_ft; always WGS 84.</source>
        <translation>GeoLife .plt 文件夹树（GeoLife 1.3：Data/USER/Trajectory/*.plt，6 行文件头，随后为 lat,lon,0,海拔（英尺）,days,date,time）：可选择 Data 文件夹、某个用户文件夹或其中的任意 .plt 文件（一个 .plt 文件代表整个文件夹树）；轨迹 ID = USER_FILENAME；列为 user_id、lat、lon、alt_ft；坐标始终为 WGS 84。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="22"/>
        <source>The flattened geolife_points.csv.gz is a generic CSV (ID field user_id,traj_id, time field t_utc).</source>
        <translation>展平后的 geolife_points.csv.gz 是通用 CSV（ID 字段 user_id,traj_id，时间字段 t_utc）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="23"/>
        <source>LYMob-4Cities / YJMob100K (uid,d,t,x,y: 1-based cells of a 200×200 grid of 500 m, t = 30-minute slot 0..47, d = day index): point at the cell centre ORIGIN + (cell − 0.5) × CELL_SIZE, time = START_DATE + d days + 30 min × t; one trajectory per uid; masked records (x or y = 999, no location) are skipped and counted; columns uid, d, t, x, y and day (date).</source>
        <translation>LYMob-4Cities / YJMob100K（uid,d,t,x,y：由 500 m 单元格组成的 200×200 网格中从 1 开始编号的单元格，t = 30 分钟时段 0..47，d = 日序号）：点位于单元格中心 ORIGIN + (cell − 0.5) × CELL_SIZE，时间 = START_DATE + d 天 + 30 min × t；每个 uid 一条轨迹；被掩码的记录（x 或 y = 999，无位置）会被跳过并计数；列为 uid、d、t、x、y 和 day（日期）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="24"/>
        <source>The trajectory lines apply the cleaning rules: points sorted by time, repeated times and points without time dropped, trajectories with fewer than 2 points skipped.</source>
        <translation>轨迹线应用清洗规则：点按时间排序，删除时间重复的点和无时间的点，跳过点数少于 2 的轨迹。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="25"/>
        <source>Lines keep the points in memory (28 bytes per point, plus sorting arrays: about 0.35 GB for 1.4 million points); leave them out for huge files.</source>
        <translation>生成线时所有点都保存在内存中（每个点 28 字节，另加排序数组：140 万个点约需 0.35 GB）；对于超大文件请不要输出线。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="26"/>
        <source>N_DUPLICATE_TIMES and N_SKIPPED_SHORT_TRAJECTORIES come from the lines only (0 without OUTPUT_LINES).</source>
        <translation>N_DUPLICATE_TIMES 和 N_SKIPPED_SHORT_TRAJECTORIES 仅由线输出统计（未设置 OUTPUT_LINES 时为 0）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="27"/>
        <source>Trajectory file (or GeoLife folder / .plt file)</source>
        <translation>轨迹文件（或 GeoLife 文件夹 / .plt 文件）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="30"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="31"/>
        <source>The layout of the file (see the formats below).</source>
        <translation>文件的格式（见下文各格式的说明）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="33"/>
        <source>Porto taxi CSV (ECML/PKDD 2015)</source>
        <translation>Porto 出租车 CSV（ECML/PKDD 2015）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="34"/>
        <source>GeoLife .plt folder tree</source>
        <translation>GeoLife .plt 文件夹树</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="35"/>
        <source>LYMob-4Cities / YJMob100K grid CSV</source>
        <translation>LYMob-4Cities / YJMob100K 网格 CSV</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="36"/>
        <source>X / longitude field (generic)</source>
        <translation>X / 经度字段（通用格式）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="37"/>
        <source>Empty: the first of lon, longitude, lng, long, x, easting (case-insensitive).</source>
        <translation>留空：使用 lon、longitude、lng、long、x、easting 中第一个存在的列（不区分大小写）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="38"/>
        <source>Y / latitude field (generic)</source>
        <translation>Y / 纬度字段（通用格式）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="39"/>
        <source>Empty: the first of lat, latitude, y, northing (case-insensitive).</source>
        <translation>留空：使用 lat、latitude、y、northing 中第一个存在的列（不区分大小写）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="40"/>
        <source>Trajectory ID field(s), comma-separated (generic)</source>
        <translation>轨迹 ID 字段（可多个，以逗号分隔；通用格式）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="41"/>
        <source>Several comma-separated columns (e.g. user_id,traj_id) are joined with &apos;_&apos; into one id; empty: the first of traj_id, trajectory_id, track_id, trip_id, tid, vehicle_id, taxi_id, mmsi, user_id, uid, id (none found: the whole file is one trajectory).</source>
        <translation>以逗号分隔的多个列（如 user_id,traj_id）用 '_' 连接成一个 ID；留空：使用 traj_id、trajectory_id、track_id、trip_id、tid、vehicle_id、taxi_id、mmsi、user_id、uid、id 中第一个存在的列（均不存在时：整个文件为一条轨迹）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="42"/>
        <source>Time field (generic)</source>
        <translation>时间字段（通用格式）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="43"/>
        <source>ISO 8601 / date-time text (UTC when no zone is given) or epoch seconds/milliseconds; empty: the first of time, timestamp, datetime, date_time, t_utc, t_unix, when, t (none: no time).</source>
        <translation>ISO 8601 / 日期时间文本（未给出时区时按 UTC）或 Unix 纪元秒/毫秒；留空：使用 time、timestamp、datetime、date_time、t_utc、t_unix、when、t 中第一个存在的列（均不存在：无时间）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="44"/>
        <source>Delimiter (generic)</source>
        <translation>分隔符（通用格式）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="45"/>
        <source>The column separator of the generic CSV; \t or tab for tab-separated.</source>
        <translation>通用 CSV 的列分隔符；制表符分隔时填写 \t 或 tab。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="46"/>
        <source>CRS of the coordinates (generic) or of the grid (LYMob)</source>
        <translation>坐标的坐标参考系（通用格式）或网格的坐标参考系（LYMob）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="47"/>
        <source>The CRS of the generic CSV coordinates, or for LYMob the projected (metric) CRS of the grid; ignored by Porto and GeoLife (WGS 84).</source>
        <translation>通用 CSV 坐标的坐标参考系，对于 LYMob 则为网格的投影（米制）坐标参考系；Porto 和 GeoLife 忽略此项（WGS 84）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="48"/>
        <source>Grid origin X, lower-left corner (LYMob)</source>
        <translation>网格原点 X，左下角（LYMob）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="49"/>
        <source>X of the lower-left corner of the grid in CRS units.</source>
        <translation>网格左下角的 X 坐标，以坐标参考系单位计。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="50"/>
        <source>Grid origin Y, lower-left corner (LYMob)</source>
        <translation>网格原点 Y，左下角（LYMob）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="51"/>
        <source>Y of the lower-left corner of the grid in CRS units.</source>
        <translation>网格左下角的 Y 坐标，以坐标参考系单位计。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="52"/>
        <source>Cell size in CRS units (LYMob)</source>
        <translation>单元格大小，以坐标参考系单位计（LYMob）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="53"/>
        <source>Side of a grid cell (500, the dataset&apos;s 500 m cells).</source>
        <translation>网格单元格的边长（500，即数据集的 500 m 单元格）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="54"/>
        <source>Start date, day d = 0 (LYMob, UTC)</source>
        <translation>起始日期，即第 d = 0 天（LYMob，UTC）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="55"/>
        <source>The date of day d = 0 (the dataset hides the real dates).</source>
        <translation>第 d = 0 天对应的日期（数据集隐藏了真实日期）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="56"/>
        <source>Points</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="57"/>
        <source>traj_id, time (date-time, UTC) and the kept columns (a column named traj_id, time or fid is renamed src_NAME), in file order.</source>
        <translation>traj_id、time（日期时间，UTC）以及保留的列（名为 traj_id、time 或 fid 的列重命名为 src_NAME），按文件顺序排列。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="58"/>
        <source>Trajectory lines</source>
        <translation>轨迹线</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="59"/>
        <source>One LineStringM per trajectory with M = epoch seconds (plain LineString without time) and traj_id, n_points, start_time, end_time.</source>
        <translation>每条轨迹一条 LineStringM，M = Unix 纪元秒（无时间时为普通 LineString），带 traj_id、n_points、start_time、end_time 字段。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="60"/>
        <source>Points imported</source>
        <translation>导入的点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="61"/>
        <source>Trajectories (distinct ids)</source>
        <translation>轨迹数（不同 ID 的个数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="62"/>
        <source>Data rows read</source>
        <translation>读取的数据行数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="63"/>
        <source>Rows skipped without numeric coordinates</source>
        <translation>因无数值坐标而跳过的行数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="64"/>
        <source>Rows skipped without trajectory id</source>
        <translation>因无轨迹 ID 而跳过的行数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="65"/>
        <source>Points with an unreadable (empty) time</source>
        <translation>时间无法读取（为空）的点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="66"/>
        <source>Porto trips skipped with an empty POLYLINE</source>
        <translation>因 POLYLINE 为空而跳过的 Porto 行程数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="67"/>
        <source>LYMob records skipped as masked (x or y = 999)</source>
        <translation>因被掩码（x 或 y = 999）而跳过的 LYMob 记录数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="68"/>
        <source>Files read</source>
        <translation>读取的文件数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="69"/>
        <source>Trajectories whose time goes back in file order</source>
        <translation>按文件顺序时间出现倒退的轨迹数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="70"/>
        <source>Trajectory lines written</source>
        <translation>写入的轨迹线数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="71"/>
        <source>Points dropped from the lines for a repeated time</source>
        <translation>因时间重复而从线中删除的点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="72"/>
        <source>Trajectories without a line (fewer than 2 points)</source>
        <translation>未生成线的轨迹数（点数少于 2）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="73"/>
        <source>Simulate trajectories (synthetic sample)</source>
        <translation>模拟轨迹（合成样本）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="74"/>
        <source>Makes a synthetic, fully labelled trajectory data set: vehicles drive shortest paths between origin-destination (OD) pairs on a synthetic street grid or on a road line layer, sampled like GPS with noise.</source>
        <translation>生成一个完全标注的合成轨迹数据集：车辆在合成街道网格或道路线图层上沿起讫点（OD）对之间的最短路径行驶，并像 GPS 一样带噪声采样。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="75"/>
        <source>Every OD pair is one cluster (od_id) with a small origin area and a small destination area well apart from the other pairs&apos; areas; trips of a pair start and end at nearby junctions and follow mostly the same corridor (a small random perturbation of the edge costs per trip gives some route variety, distinct corridors get a route_id).</source>
        <translation>每个 OD 对是一个聚类（od_id），具有一个较小的起点区域和一个较小的终点区域，与其他 OD 对的区域相距较远；同一 OD 对的行程在邻近的路口出发和结束，且大多沿同一走廊行驶（每次行程对边成本施加小的随机扰动，使路线有所变化；不同的走廊分配不同的 route_id）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="76"/>
        <source>Optionally some trips make a detour through a junction 300-800 m (and at most 40% of the trip length) off their normal route; the points of the detour have is_anomaly = 1 and anomaly_type = &apos;detour&apos;.</source>
        <translation>可选地，部分行程会绕行经过一个偏离其正常路线 300-800 m（且不超过行程长度的 40%）的路口；绕行部分的点具有 is_anomaly = 1 和 anomaly_type = 'detour'。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="77"/>
        <source>The same seed always gives the same data.</source>
        <translation>相同的种子总是生成相同的数据。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="78"/>
        <source>Use it to try the clustering and anomaly algorithms, whose ground truth it provides.</source>
        <translation>可用它试用聚类和异常检测算法，它为这些算法提供真值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="79"/>
        <source>Road network (lines; empty = synthetic street grid)</source>
        <translation>道路网络（线；留空 = 合成街道网格）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="80"/>
        <source>Roads to drive on, two-way; lines connect where they share a vertex (end point or interior vertex), and only the largest connected part is used (default: a synthetic street grid).</source>
        <translation>可行驶的道路，双向通行；线在共享顶点（端点或内部顶点）处相连，仅使用最大的连通部分（默认：合成街道网格）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="81"/>
        <source>Number of origin-destination pairs (clusters)</source>
        <translation>起讫点（OD）对数量（聚类数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="82"/>
        <source>The network must have room for that many well separated origin and destination areas (radius 300 m, smaller when the extent is small or many pairs must fit; areas at least three radii apart).</source>
        <translation>路网必须有足够空间容纳这么多相互分离的起点和终点区域（半径 300 m，范围较小或需容纳的 OD 对较多时会更小；区域之间至少相距三个半径）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="83"/>
        <source>Number of trajectories</source>
        <translation>轨迹数量</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="84"/>
        <source>Trips, spread evenly over the OD pairs.</source>
        <translation>行程数，平均分配到各 OD 对。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="85"/>
        <source>Sampling interval (seconds)</source>
        <translation>采样间隔（秒）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="86"/>
        <source>Time between two points of a trip.</source>
        <translation>一次行程中相邻两点之间的时间间隔。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="87"/>
        <source>Mean speed (m/s)</source>
        <translation>平均速度（m/s）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="88"/>
        <source>Mean driving speed; each trip drives at a constant speed drawn within ± the speed variation of it.</source>
        <translation>平均行驶速度；每次行程以恒定速度行驶，该速度在平均速度 ± 速度变化范围内随机抽取。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="89"/>
        <source>Speed variation between trips (share, +/-)</source>
        <translation>行程间速度变化（比例，+/-）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="90"/>
        <source>0.2 = trip speeds within ± 20% of the mean speed.</source>
        <translation>0.2 = 行程速度在平均速度的 ± 20% 范围内。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="91"/>
        <source>GPS noise (standard deviation, metres)</source>
        <translation>GPS 噪声（标准差，米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="92"/>
        <source>Standard deviation of the Gaussian noise added to each coordinate.</source>
        <translation>添加到每个坐标上的高斯噪声的标准差。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="93"/>
        <source>Start time</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="94"/>
        <source>Vehicles start their first trip within the time window after it and make about four trips one after the other.</source>
        <translation>车辆在该时间之后的时间窗口内开始首次行程，并接连完成约四次行程。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="95"/>
        <source>Time window for the first trips (hours)</source>
        <translation>首次行程的时间窗口（小时）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="96"/>
        <source>Vehicles start their first trip within this many hours after the start time.</source>
        <translation>车辆在起始时间之后的这么多小时内开始首次行程。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="97"/>
        <source>Extent (default: 6 km box around Porto, or the road layer)</source>
        <translation>范围（默认：Porto 周围 6 km 的方框，或道路图层的范围）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="98"/>
        <source>The area of the synthetic grid (default a 6 km × 6 km box around Porto centre, -8.61 / 41.15), or a clip box for the road layer (default: its whole extent).</source>
        <translation>合成网格的区域（默认以 Porto 市中心 -8.61 / 41.15 为中心的 6 km × 6 km 方框），或道路图层的裁剪框（默认：道路图层的全部范围）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="99"/>
        <source>Output CRS</source>
        <translation>输出坐标参考系</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="100"/>
        <source>The CRS of the outputs; the simulation itself runs in metres in the UTM zone of the area.</source>
        <translation>输出的坐标参考系；模拟本身在该区域所在的 UTM 分带中以米为单位进行。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="101"/>
        <source>Synthetic grid street spacing (metres)</source>
        <translation>合成网格的街道间距（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="102"/>
        <source>Street spacing of the synthetic grid (every fifth street is a faster arterial, a few streets are missing, a few cells have a diagonal).</source>
        <translation>合成网格的街道间距（每五条街道中有一条为车速更快的主干道，少数街道缺失，少数网格带有对角线道路）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="103"/>
        <source>Share of trajectories with a detour (0-1)</source>
        <translation>含绕行的轨迹比例（0-1）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="104"/>
        <source>Share of the trips with an injected detour (0 = none).</source>
        <translation>注入绕行的行程比例（0 = 无）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="105"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="106"/>
        <source>The same seed and input give the same result.</source>
        <translation>相同的种子和输入会得到相同的结果。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="107"/>
        <source>Layout of the origin-destination pairs</source>
        <translation>起讫点对的布局</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="108"/>
        <source>Separated gives every pair its own part of the network (origin and destination on either side of a pair centre; clusters are apart in space, as centre-based ground truth such as E2DTC&apos;s expects); Cross-town pairs far apart areas, so long trips of different pairs cross and share main roads.</source>
        <translation>“分离”使每个 OD 对位于路网中各自的区域（起点和终点位于 OD 对中心的两侧；各聚类在空间上彼此分开，符合 E2DTC 等基于中心的真值的要求）；“跨城”将相距较远的区域配成 OD 对，因此不同 OD 对的长距离行程会相互交叉并共用主干道路。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="109"/>
        <source>Separated: each pair in its own part of the network</source>
        <translation>分离：每个 OD 对位于路网中各自的区域</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="110"/>
        <source>Cross-town: long trips whose routes cross</source>
        <translation>跨城：路线相互交叉的长距离行程</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="111"/>
        <source>Simulated trajectory points</source>
        <translation>模拟轨迹点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="112"/>
        <source>traj_id, time, od_id (cluster), route_id (corridor variant within the pair), vehicle_id, speed (m/s), is_anomaly (0/1), anomaly_type (&apos;&apos; or &apos;detour&apos;).</source>
        <translation>traj_id、time、od_id（聚类）、route_id（OD 对内的走廊变体）、vehicle_id、speed（m/s）、is_anomaly（0/1）、anomaly_type（'' 或 'detour'）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="113"/>
        <source>Simulated trajectory lines</source>
        <translation>模拟轨迹线</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="114"/>
        <source>LineStringM with epoch seconds as M: traj_id, od_id, route_id, vehicle_id, n_points, has_detour, start and end time, length_m, speed.</source>
        <translation>以 Unix 纪元秒为 M 值的 LineStringM：traj_id、od_id、route_id、vehicle_id、n_points、has_detour、起止时间、length_m、speed。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="115"/>
        <source>Road network used</source>
        <translation>所用的道路网络</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="116"/>
        <source>The road lines used (road_id, kind, length_m).</source>
        <translation>所用的道路线（road_id、kind、length_m）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="117"/>
        <source>Number of points</source>
        <translation>点数量</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="118"/>
        <source>Number of trajectories with a detour</source>
        <translation>含绕行的轨迹数量</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="175"/>
        <source>Discretize trajectories to a square grid</source>
        <translation>将轨迹离散化为正方形网格</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="176"/>
        <source>Turns trajectories into sequences of square grid-cell tokens, the input of E2DTC and t2vec.</source>
        <translation>将轨迹转换为正方形网格单元格词元序列，即 E2DTC 和 t2vec 的输入。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="177"/>
        <source>Cell id = row × n_cols + col with col = floor((x − xmin)/size) and row = floor((y − ymin)/size).</source>
        <translation>单元格 ID = row × n_cols + col，其中 col = floor((x − xmin)/size)，row = floor((y − ymin)/size)。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="178"/>
        <source>Tokens 0-3 are PAD, BOS, EOS and UNK; cell tokens start at 4 in order of decreasing visits.</source>
        <translation>词元 0-3 为 PAD、BOS、EOS 和 UNK；单元格词元从 4 开始，按访问次数递减排列。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="180"/>
        <source>A point layer with one feature per GPS fix, or a line layer with one trajectory per feature.</source>
        <translation>点图层（每个 GPS 定位一个要素），或线图层（每个要素一条轨迹）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="182"/>
        <source>Groups points into trajectories (required for points; lines default to one trajectory per feature).</source>
        <translation>将点分组为轨迹（点图层必填；线图层默认每个要素为一条轨迹）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="184"/>
        <source>Orders the points: a date-time, ISO 8601 text, epoch seconds or milliseconds, or any numeric order; without it the feature order (or the M value) is the order.</source>
        <translation>用于对点排序：日期时间、ISO 8601 文本、Unix 纪元秒或毫秒，或任意数值顺序；未指定时按要素顺序（或 M 值）排序。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="186"/>
        <source>Line vertices without M values follow the start time every this many seconds (15 s in the Porto data).</source>
        <translation>无 M 值的线顶点从起始时间起每隔这么多秒一个（Porto 数据中为 15 s）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="187"/>
        <source>Cell size (grid CRS units, metres)</source>
        <translation>单元格大小（网格坐标参考系单位，米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="188"/>
        <source>Side of a square grid cell in the grid CRS&apos;s units (300 m in E2DTC).</source>
        <translation>正方形网格单元格的边长，以网格坐标参考系单位计（E2DTC 中为 300 m）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="189"/>
        <source>Grid CRS</source>
        <translation>网格坐标参考系</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="190"/>
        <source>A projected CRS in metres for the square grid (EPSG:3857 as in E2DTC and t2vec).</source>
        <translation>正方形网格所用的以米为单位的投影坐标参考系（与 E2DTC 和 t2vec 一样使用 EPSG:3857）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="191"/>
        <source>Grid extent</source>
        <translation>网格范围</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="192"/>
        <source>The grid&apos;s extent (default: the input&apos;s); points outside are the UNK token.</source>
        <translation>网格的范围（默认：输入的范围）；范围之外的点为 UNK 词元。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="193"/>
        <source>Minimum visits of a hot cell</source>
        <translation>热点单元格的最少访问次数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="194"/>
        <source>Cells visited fewer times are mapped to the nearest hot cell (t2vec used 50 on millions of points).</source>
        <translation>访问次数少于该值的单元格映射到最近的热点单元格（t2vec 在数百万个点上使用 50）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="195"/>
        <source>Nearest cells per token (K)</source>
        <translation>每个词元的最近邻单元格数（K）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="196"/>
        <source>Size of the k-nearest table stored in the vocabulary (E2DTC&apos;s K).</source>
        <translation>词表中存储的 k 近邻表的大小（E2DTC 中的 K）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="198"/>
        <source>Consecutive points in one cell give one token.</source>
        <translation>同一单元格中的连续点只生成一个词元。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="200"/>
        <source>The visited cells, graduated by visits.</source>
        <translation>被访问的单元格，按访问次数分级渲染。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="202"/>
        <source>One line per trajectory: traj_id, n_points, n_tokens, n_unk and the tokens as space-separated text.</source>
        <translation>每条轨迹一条线：traj_id、n_points、n_tokens、n_unk 以及以空格分隔的文本形式的词元。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="204"/>
        <source>The grid, the token-to-cell table and the k nearest tokens of each token with distances in metres, which the model algorithms reuse.</source>
        <translation>网格、词元到单元格的对照表以及每个词元的 k 个最近邻词元及其距离（米），供模型算法复用。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="205"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="206"/>
        <source>Discretize trajectories to H3 hexagons</source>
        <translation>将轨迹离散化为 H3 六边形</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="207"/>
        <source>Turns trajectories into sequences of H3 hexagon tokens, the units of CroTad.</source>
        <translation>将轨迹转换为 H3 六边形词元序列，即 CroTad 所用的单元。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="208"/>
        <source>H3 resolution</source>
        <translation>H3 分辨率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="209"/>
        <source>10 as CroTad on Porto (about 0.015 km² per cell); 9 for bus routes.</source>
        <translation>10 为 CroTad 在 Porto 上的设置（每个单元格约 0.015 km²）；公交线路用 9。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="210"/>
        <source>Fill gaps with the H3 grid path</source>
        <translation>用 H3 网格路径填补间隙</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="211"/>
        <source>Consecutive non-adjacent cells are joined with the H3 grid path, so that every step moves to a neighbouring cell.</source>
        <translation>用 H3 网格路径连接不相邻的连续单元格，使每一步都移动到相邻单元格。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="212"/>
        <source>Ground-truth clusters around centres</source>
        <translation>围绕中心的真值聚类</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="213"/>
        <source>Labels trajectories with the cluster of the centre they stay around: Algorithm 2 of E2DTC (Fang et al., ICDE 2021), used to make clustering ground truth.</source>
        <translation>用轨迹停留所围绕的中心对应的聚类来标注轨迹：即 E2DTC（Fang et al., ICDE 2021）的算法 2，用于生成聚类真值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="214"/>
        <source>Centres (points, in centre order)</source>
        <translation>中心（点，按中心顺序）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="215"/>
        <source>The cluster centres, e.g. POIs; their feature order is the centre order (empty: picked automatically, see the number of centres).</source>
        <translation>聚类中心，例如 POI；其要素顺序即中心顺序（留空：自动选取，见中心数量）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="216"/>
        <source>Number of centres (when no centre layer is given)</source>
        <translation>中心数量（未提供中心图层时）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="217"/>
        <source>This many frequently visited and well-separated places are picked (cells ranked by the number of distinct trajectories visiting them; greedy choice with the largest separation that still yields that many centres); 12 as E2DTC on GeoLife.</source>
        <translation>选取这么多个访问频繁且相互分离的地点（单元格按访问它们的不同轨迹数排序；以仍能得到该数量中心的最大间隔进行贪心选择）；E2DTC 在 GeoLife 上取 12。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="218"/>
        <source>Radius ratio σ</source>
        <translation>半径比 σ</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="219"/>
        <source>Radius = σ × the minimum distance between two centres (0.6 in the paper).</source>
        <translation>半径 = σ × 两个中心之间的最小距离（论文中为 0.6）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="220"/>
        <source>Fallen threshold λ</source>
        <translation>落入阈值 λ</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="221"/>
        <source>A trajectory joins the first centre, in centre order, holding at least this share of its points (0.7 in the paper).</source>
        <translation>轨迹按中心顺序归入第一个包含其至少该比例点的中心（论文中为 0.7）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="222"/>
        <source>Keep unassigned trajectories</source>
        <translation>保留未分配的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="223"/>
        <source>Also write trajectories without a cluster (gt_label −1).</source>
        <translation>同时输出未归入任何聚类的轨迹（gt_label −1）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="224"/>
        <source>Metric CRS</source>
        <translation>度量坐标参考系</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="225"/>
        <source>Where distances are measured (empty: the UTM zone of the data).</source>
        <translation>用于量测距离的坐标参考系（留空：数据所在的 UTM 分带）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="226"/>
        <source>Labelled trajectories</source>
        <translation>已标注的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="227"/>
        <source>Lines with traj_id, gt_label, fallen_rate, n_points, categorized by label.</source>
        <translation>带 traj_id、gt_label、fallen_rate、n_points 的线，按标签分类渲染。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="228"/>
        <source>Cluster centres</source>
        <translation>聚类中心</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="229"/>
        <source>Circles of the radius around the centres with label and size (n_trajectories, radius_m, center_x, center_y).</source>
        <translation>以各中心为圆心、按该半径绘制的圆，带标签和规模（n_trajectories、radius_m、center_x、center_y）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="230"/>
        <source>Assign OD pairs (H3)</source>
        <translation>分配 OD 对（H3）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="231"/>
        <source>Gives every trajectory its origin-destination (OD) pair on the H3 grid, as CroTad (Xue et al., section 5.1.1) selects &quot;frequently used OD pairs (based on H3 cells)&quot;: the origin is the H3 cell of the first point, the destination the cell of the last point (computed in WGS 84 whatever the layer CRS).</source>
        <translation>为每条轨迹在 H3 网格上赋予其起讫点（OD）对，做法与 CroTad（Xue et al.，第 5.1.1 节）选取“常用 OD 对（基于 H3 单元格）”相同：起点是第一个点所在的 H3 单元格，终点是最后一个点所在的单元格（无论图层坐标参考系为何，均在 WGS 84 下计算）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="232"/>
        <source>Pairs shared by at least MIN_TRIPS trajectories get an integer od_id: 0 for the pair with the most trips, then by descending number of trips (ties: ascending origin, then destination cell id).</source>
        <translation>至少被 MIN_TRIPS 条轨迹共享的 OD 对获得一个整数 od_id：行程最多的 OD 对为 0，其余按行程数降序编号（数量相同时按起点单元格 ID 升序，再按终点单元格 ID 升序）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="233"/>
        <source>Trajectories of rarer pairs get NULL.</source>
        <translation>较少见的 OD 对的轨迹得到 NULL。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="234"/>
        <source>The output is the input layer (points stay points, lines stay lines, every input attribute kept) with four fields appended: od_id, origin_h3, dest_h3 (H3 cell strings) and od_trips (number of trajectories sharing the pair, also below the minimum).</source>
        <translation>输出为输入图层（点仍为点，线仍为线，保留所有输入属性），并追加四个字段：od_id、origin_h3、dest_h3（H3 单元格字符串）和 od_trips（共享该 OD 对的轨迹数，低于最小值时也会填写）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="235"/>
        <source>Points that are not part of a trajectory after cleaning (duplicate times, trajectories with fewer than 2 points) get NULL.</source>
        <translation>清洗后不属于任何轨迹的点（时间重复、点数少于 2 的轨迹）得到 NULL。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="236"/>
        <source>Existing fields with these names are replaced.</source>
        <translation>已存在的同名字段将被替换。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="237"/>
        <source>Use od_id as OD field of Synthetic anomalies.</source>
        <translation>可将 od_id 用作“合成异常”的 OD 字段。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="238"/>
        <source>H3 resolution of origin/destination cells (0-15)</source>
        <translation>起点/终点单元格的 H3 分辨率（0-15）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="239"/>
        <source>8 (about 0.74 km²) groups trips starting in the same neighbourhood; the CroTad paper uses finer cells (resolution 10 for Porto) to map trajectories but does not state the OD resolution.</source>
        <translation>8（约 0.74 km²）可将从同一街区出发的行程归为一组；CroTad 论文使用更细的单元格（Porto 使用分辨率 10）来映射轨迹，但未说明 OD 所用的分辨率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="240"/>
        <source>Minimum trips per OD pair</source>
        <translation>每个 OD 对的最少行程数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="241"/>
        <source>Pairs with fewer trajectories get no id.</source>
        <translation>轨迹数少于该值的 OD 对不分配编号。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="242"/>
        <source>Trajectories with OD pairs</source>
        <translation>带 OD 对的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="243"/>
        <source>The input layer with od_id, origin_h3, dest_h3 (H3 cell strings) and od_trips (number of trajectories sharing the pair, also below the minimum).</source>
        <translation>追加了 od_id、origin_h3、dest_h3（H3 单元格字符串）和 od_trips（共享该 OD 对的轨迹数，低于最小值时也会填写）字段的输入图层。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="244"/>
        <source>Number of OD pairs with an id</source>
        <translation>获得编号的 OD 对数量</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="245"/>
        <source>Trajectories with an OD id</source>
        <translation>有 OD 编号的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="246"/>
        <source>Trajectories without an OD id</source>
        <translation>无 OD 编号的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="247"/>
        <source>Synthetic anomalies (CroTad)</source>
        <translation>合成异常（CroTad）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="248"/>
        <source>Builds a labelled test set for trajectory anomaly detection from real (assumed normal) trajectories, following CroTad (Xue et al., section 5.1.2).</source>
        <translation>按照 CroTad（Xue et al.，第 5.1.2 节）的方法，由真实（假定正常）轨迹构建用于轨迹异常检测的带标注测试集。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="249"/>
        <source>Trajectories are mapped to sequences of H3 cells (consecutive repeats removed).</source>
        <translation>轨迹被映射为 H3 单元格序列（去除连续重复）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="250"/>
        <source>For every OD value, cells visited more often than FREQ_THRESHOLD per trajectory are frequent (the paper&apos;s S_pos, Eq. 6); all others are rare.</source>
        <translation>对每个 OD 值，每条轨迹平均访问次数超过 FREQ_THRESHOLD 的单元格为频繁单元格（论文中的 S_pos，Eq. 6）；其余均为稀有单元格。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="251"/>
        <source>Detours are chains of rare cells in which consecutive cells are at most K_HOP H3 steps apart, going through a rare cell 2 to 3×K_HOP rings beside the replaced part and rejoining the trajectory within K_HOP steps.</source>
        <translation>绕行是由稀有单元格组成的链，其中相邻单元格之间最多相隔 K_HOP 个 H3 步；绕行经过被替换部分旁 2 到 3×K_HOP 环处的一个稀有单元格，并在 K_HOP 步之内重新回到轨迹上。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="252"/>
        <source>Head detour: the first cells are replaced by a detour starting near the origin.</source>
        <translation>首部绕行：开头的若干单元格被替换为一段从起点附近开始的绕行。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="253"/>
        <source>Rear detour: the last cells are replaced by a detour ending near the destination.</source>
        <translation>尾部绕行：末尾的若干单元格被替换为一段在终点附近结束的绕行。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="254"/>
        <source>Midway detour: cells in the middle are replaced by a detour.</source>
        <translation>中途绕行：中间的若干单元格被替换为一段绕行。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="255"/>
        <source>Random trajectory: the whole trajectory becomes a random walk through rare cells from the origin cell to the destination cell; every point is anomalous, including the first and last, which lie in the (normal) origin and destination cells.</source>
        <translation>随机轨迹：整条轨迹变为一次从起点单元格经由稀有单元格到终点单元格的随机游走；所有点均为异常，包括位于（正常的）起点和终点单元格中的第一个点和最后一个点。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="256"/>
        <source>Route switching: the first floor(β|T1|) cells of T1 followed by the part of T2 from cell floor((1-β)|T2|) to its end, T2 from a different OD, β ~ U(BETA_MIN, BETA_MAX); the T2 part is anomalous.</source>
        <translation>路线切换：T1 的前 floor(β|T1|) 个单元格，接上 T2 从第 floor((1-β)|T2|) 个单元格到末尾的部分，T2 来自另一个 OD，β ~ U(BETA_MIN, BETA_MAX)；T2 部分为异常。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="257"/>
        <source>When the two parts are more than K_HOP steps apart, cells on the H3 line between them are inserted every K_HOP steps (also anomalous).</source>
        <translation>当两部分相距超过 K_HOP 步时，在两者之间的 H3 直线上每隔 K_HOP 步插入单元格（同样为异常）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="258"/>
        <source>Route switching needs at least 2 OD values.</source>
        <translation>路线切换至少需要 2 个 OD 值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="259"/>
        <source>Kept original points keep their coordinates; generated points lie at their cell centres (one per cell) and are spaced in time by the trajectory&apos;s median sampling interval.</source>
        <translation>保留的原始点保持其坐标；生成的点位于所在单元格的中心（每个单元格一个），时间间隔为该轨迹采样间隔的中位数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="260"/>
        <source>After a midway detour or a route switch the following original points keep their spacing but are shifted in time so that time keeps increasing.</source>
        <translation>在中途绕行或路线切换之后，后续原始点保持原有的时间间隔，但整体在时间上平移，使时间保持递增。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="261"/>
        <source>The same seed gives the same output.</source>
        <translation>相同的种子会得到相同的输出。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="262"/>
        <source>OD field(s) (OD id, or route [+ direction])</source>
        <translation>OD 字段（OD 编号，或线路 [+ 方向]）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="263"/>
        <source>The field holding the OD of each trajectory, e.g. od_id from Assign OD pairs, or route fields such as bus route and direction (several fields, or a comma-separated list, are combined into one OD value); trajectories with a NULL OD are ignored and the value of the first point counts.</source>
        <translation>存放每条轨迹 OD 的字段，例如“分配 OD 对”输出的 od_id，或公交线路和方向等线路字段（多个字段或以逗号分隔的列表会组合成一个 OD 值）；OD 为 NULL 的轨迹会被忽略，以第一个点的值为准。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="264"/>
        <source>H3 resolution (0-15)</source>
        <translation>H3 分辨率（0-15）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="265"/>
        <source>The paper uses 10 for Porto (0.015 km² cells) and 9 for Translink buses.</source>
        <translation>论文对 Porto 使用 10（0.015 km² 的单元格），对 Translink 公交使用 9。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="266"/>
        <source>Anomaly types</source>
        <translation>异常类型</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="267"/>
        <source>The anomaly types to generate (several; all five by default).</source>
        <translation>要生成的异常类型（可多选；默认全部五种）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="268"/>
        <source>Head detour</source>
        <translation>首部绕行</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="269"/>
        <source>Rear detour</source>
        <translation>尾部绕行</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="270"/>
        <source>Midway detour</source>
        <translation>中途绕行</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="271"/>
        <source>Random trajectory</source>
        <translation>随机轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="272"/>
        <source>Route switching</source>
        <translation>路线切换</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="273"/>
        <source>Trajectories per OD and type</source>
        <translation>每个 OD 和类型的轨迹数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="274"/>
        <source>Source trajectories are drawn without replacement, so an OD with fewer usable trajectories gives fewer (500 as in the paper).</source>
        <translation>源轨迹为无放回抽取，因此可用轨迹较少的 OD 生成的轨迹也较少（论文中为 500）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="275"/>
        <source>Maximum hops between consecutive cells (k_hop)</source>
        <translation>相邻单元格之间的最大跳数（k_hop）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="276"/>
        <source>The largest H3 distance between consecutive cells of a detour (3 as in the paper).</source>
        <translation>绕行中相邻单元格之间的最大 H3 距离（论文中为 3）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="277"/>
        <source>Route switching: minimum beta</source>
        <translation>路线切换：最小 beta</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="278"/>
        <source>Lower end of the range of the route-switching ratio β (0.3 as in the paper).</source>
        <translation>路线切换比例 β 取值范围的下限（论文中为 0.3）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="279"/>
        <source>Route switching: maximum beta</source>
        <translation>路线切换：最大 beta</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="280"/>
        <source>Upper end of the range of the route-switching ratio β (0.7 as in the paper).</source>
        <translation>路线切换比例 β 取值范围的上限（论文中为 0.7）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="281"/>
        <source>Include normal trajectories</source>
        <translation>包含正常轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="282"/>
        <source>Also output up to PER_OD untouched trajectories per OD (anomaly_type &apos;normal&apos;, every point 0) so the test set has both classes.</source>
        <translation>同时为每个 OD 输出最多 PER_OD 条未改动的轨迹（anomaly_type 'normal'，所有点为 0），使测试集包含两个类别。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="283"/>
        <source>Frequent-cell threshold (visits per trajectory)</source>
        <translation>频繁单元格阈值（每条轨迹的访问次数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="284"/>
        <source>A cell is frequent for an OD when its visit count divided by the OD's number of trajectories is above it (the paper's δ_od, no value given there).</source>
        <translation>当某单元格的访问次数除以该 OD 的轨迹数大于此值时，该单元格对该 OD 为频繁单元格（论文中的 δ_od，论文未给出取值）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="285"/>
        <source>Labelled points</source>
        <translation>已标注的点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="286"/>
        <source>traj_id, source_traj_id, od, anomaly_type, is_anomaly 0/1, seq, time, h3; styled red for anomalous points.</source>
        <translation>traj_id、source_traj_id、od、anomaly_type、is_anomaly 0/1、seq、time、h3；异常点以红色显示。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="287"/>
        <source>Labelled trajectories (lines)</source>
        <translation>已标注的轨迹（线）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="288"/>
        <source>One line per trajectory (n_points, n_anomalous), styled by anomaly type.</source>
        <translation>每条轨迹一条线（n_points、n_anomalous），按异常类型设置样式。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="289"/>
        <source>Trajectories written</source>
        <translation>写入的轨迹数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="290"/>
        <source>Normal trajectories</source>
        <translation>正常轨迹数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="291"/>
        <source>Head detours</source>
        <translation>首部绕行数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="292"/>
        <source>Rear detours</source>
        <translation>尾部绕行数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="293"/>
        <source>Midway detours</source>
        <translation>中途绕行数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="294"/>
        <source>Random trajectories</source>
        <translation>随机轨迹数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="295"/>
        <source>Route switches</source>
        <translation>路线切换数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="296"/>
        <source>Samples that could not be built (no rare cells where a detour was needed)</source>
        <translation>无法构建的样本数（需要绕行处没有稀有单元格）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="297"/>
        <source>OD values</source>
        <translation>OD 值的数量</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="298"/>
        <source>E2DTC: train deep trajectory clustering</source>
        <translation>E2DTC：训练深度轨迹聚类</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="299"/>
        <source>Clusters trajectories with E2DTC (Fang et al., ICDE 2021): a t2vec sequence-to-sequence GRU learns trajectory embeddings from grid-cell sequences (pre-training with the spatial-proximity-aware loss), k-means gives initial centroids, then self-training sharpens the clusters with KL(P||Q) and a triplet loss (L = Lr + β·Lc + γ·Lt).</source>
        <translation>使用 E2DTC（Fang et al., ICDE 2021）对轨迹进行聚类：t2vec 序列到序列 GRU 从网格单元格序列中学习轨迹嵌入（预训练使用空间邻近感知损失），k-means 给出初始质心，随后自训练借助 KL(P||Q) 和三元组损失使聚类更加分明（L = Lr + β·Lc + γ·Lt）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="300"/>
        <source>The input is points with a trajectory ID (and time), lines, or the Token sequences layer of &apos;Discretize trajectories to a square grid&apos; together with its vocabulary.</source>
        <translation>输入为带轨迹 ID（和时间）的点、线，或“将轨迹离散化为正方形网格”输出的“词元序列”图层及其词表。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="301"/>
        <source>Pre-training / self-training epochs, hidden size, layers and batch size override the preset when set.</source>
        <translation>设置了预训练 / 自训练轮数、隐藏层大小、层数和批大小时，将覆盖预设值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="302"/>
        <source>The deep model needs thousands of trajectories: with a few hundred to cluster, pre-training on more trips of the same area (e.g. the whole archive the input is a part of) is the largest gain.</source>
        <translation>深度模型需要数千条轨迹：当需要聚类的轨迹只有几百条时，在同一区域的更多行程（例如输入所属的整个档案）上预训练带来的提升最大。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="303"/>
        <source>With a ground-truth field the results and report give UACC, NMI, RI and ARI for E2DTC and for pre-training + k-means.</source>
        <translation>设置真值字段后，结果和报告会给出 E2DTC 以及预训练 + k-means 的 UACC、NMI、RI 和 ARI。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="304"/>
        <source>Training runs in the background and can be cancelled: no model file is written then.</source>
        <translation>训练在后台运行，可以取消：取消时不会写入模型文件。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="305"/>
        <source>Vocabulary (JSON of a grid discretization)</source>
        <translation>词表（网格离散化生成的 JSON）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="306"/>
        <source>The vocabulary of &apos;Discretize trajectories to a square grid&apos;, needed with its Token sequences layer as input; without it the trajectories are discretized here.</source>
        <translation>“将轨迹离散化为正方形网格”生成的词表，以其“词元序列”图层作为输入时需要提供；未提供时在此对轨迹进行离散化。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="307"/>
        <source>Cell size (metres, without a vocabulary)</source>
        <translation>单元格大小（米，未提供词表时）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="308"/>
        <source>Side of a square grid cell when the trajectories are discretized here (300 m in the paper).</source>
        <translation>在此离散化轨迹时正方形网格单元格的边长（论文中为 300 m）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="309"/>
        <source>The projected CRS of the grid when the trajectories are discretized here.</source>
        <translation>在此离散化轨迹时网格所用的投影坐标参考系。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="310"/>
        <source>Hot-cell threshold (visits)</source>
        <translation>热点单元格阈值（访问次数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="311"/>
        <source>Number of clusters (0 = automatic elbow)</source>
        <translation>聚类数（0 = 按肘部法则自动选择）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="312"/>
        <source>0 chooses k at the elbow of k-means over k = 2..22 (paper §VII-G).</source>
        <translation>0 表示在 k = 2..22 范围内按 k-means 的肘部法则选择 k（论文 §VII-G）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="313"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="314"/>
        <source>fast-CPU: 1-layer GRU, hidden 128, 2 pairs per trajectory (minutes on a laptop); paper: 3 layers, hidden 256, embedding 256, 16 pairs per trajectory (hours on a CPU).</source>
        <translation>快速 CPU：1 层 GRU，隐藏层大小 128，每条轨迹 2 对（在笔记本电脑上需数分钟）；论文设置：3 层，隐藏层大小 256，嵌入维度 256，每条轨迹 16 对（在 CPU 上需数小时）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="315"/>
        <source>fast-CPU</source>
        <translation>快速 CPU</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="316"/>
        <source>paper</source>
        <translation>论文设置</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="317"/>
        <source>Pre-training epochs</source>
        <translation>预训练轮数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="318"/>
        <source>Epochs of t2vec pre-training with the spatial-proximity-aware loss.</source>
        <translation>使用空间邻近感知损失进行 t2vec 预训练的轮数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="319"/>
        <source>Self-training epochs</source>
        <translation>自训练轮数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="320"/>
        <source>Epochs of self-training (KL(P||Q) and triplet losses).</source>
        <translation>自训练（KL(P||Q) 和三元组损失）的轮数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="321"/>
        <source>β: weight of the clustering loss</source>
        <translation>β：聚类损失的权重</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="322"/>
        <source>β of L = Lr + β·Lc + γ·Lt.</source>
        <translation>L = Lr + β·Lc + γ·Lt 中的 β。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="323"/>
        <source>γ: weight of the triplet loss</source>
        <translation>γ：三元组损失的权重</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="324"/>
        <source>γ of L = Lr + β·Lc + γ·Lt.</source>
        <translation>L = Lr + β·Lc + γ·Lt 中的 γ。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="325"/>
        <source>Self-training learning rate</source>
        <translation>自训练学习率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="326"/>
        <source>The Adam learning rate of self-training.</source>
        <translation>自训练中 Adam 优化器的学习率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="327"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="328"/>
        <source>Trajectories per training batch.</source>
        <translation>每个训练批次的轨迹数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="329"/>
        <source>Hidden size (even)</source>
        <translation>隐藏层大小（偶数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="330"/>
        <source>Size of the GRU state; even, as the bidirectional encoder splits it in two halves.</source>
        <translation>GRU 状态的大小；须为偶数，因为双向编码器将其分成两半。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="331"/>
        <source>GRU layers</source>
        <translation>GRU 层数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="332"/>
        <source>Number of stacked GRU layers.</source>
        <translation>堆叠的 GRU 层数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="333"/>
        <source>More trajectories for pre-training only</source>
        <translation>仅用于预训练的更多轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="334"/>
        <source>Points or lines discretized on the same grid that t2vec also learns from; only the input is clustered (trajectories whose ID is also in the input are used once).</source>
        <translation>在同一网格上离散化的点或线，t2vec 也从中学习；只对输入进行聚类（ID 同时出现在输入中的轨迹只使用一次）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="335"/>
        <source>Pre-training trajectories: ID field</source>
        <translation>预训练轨迹：ID 字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="336"/>
        <source>Empty: the input&apos;s TRAJ_ID_FIELD when the pre-training layer has that field.</source>
        <translation>留空：若预训练图层具有与输入的 TRAJ_ID_FIELD 同名的字段，则使用该字段。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="337"/>
        <source>Pre-training trajectories: time field</source>
        <translation>预训练轨迹：时间字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="338"/>
        <source>Empty: the input&apos;s TIME_FIELD when the pre-training layer has that field.</source>
        <translation>留空：若预训练图层具有与输入的 TIME_FIELD 同名的字段，则使用该字段。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="339"/>
        <source>Ground-truth field (for scores only)</source>
        <translation>真值字段（仅用于评分）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="340"/>
        <source>A per-trajectory label (e.g. gt_label of &apos;Ground-truth clusters around centres&apos;) the clusters are scored against with UACC, NMI, RI and ARI (the output carries it as gt_label); NULL and negative labels are left out, and clustering never looks at it.</source>
        <translation>每条轨迹的标签（例如“围绕中心的真值聚类”输出的 gt_label），用 UACC、NMI、RI 和 ARI 评价聚类与之的吻合程度（输出中以 gt_label 字段携带）；NULL 和负值标签不计入，聚类过程从不使用该字段。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="342"/>
        <source>Weights, parameters and the vocabulary, to apply with &apos;E2DTC: apply a trained model&apos;.</source>
        <translation>权重、参数和词表，可通过“E2DTC：应用已训练的模型”使用。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="343"/>
        <source>DeepTraj E2DTC model (*.e2dtc)</source>
        <translation>DeepTraj E2DTC 模型 (*.e2dtc)</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="344"/>
        <source>Clustered trajectories</source>
        <translation>已聚类的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="345"/>
        <source>Trajectory lines with traj_id, cluster, confidence (the largest soft assignment q), n_tokens and n_points, categorized by cluster.</source>
        <translation>带 traj_id、cluster、confidence（最大软分配 q）、n_tokens 和 n_points 的轨迹线，按聚类分类渲染。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="346"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="347"/>
        <source>An HTML report with the loss curves, the share of changed assignments, the elbow curve and the scores.</source>
        <translation>HTML 报告，包含损失曲线、分配变化比例、肘部曲线和评分。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="348"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="349"/>
        <source>E2DTC: apply a trained model</source>
        <translation>E2DTC：应用已训练的模型</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="350"/>
        <source>Assigns trajectories to the clusters of a model trained with &apos;E2DTC: train deep trajectory clustering&apos;.</source>
        <translation>将轨迹分配到由“E2DTC：训练深度轨迹聚类”训练出的模型的各个聚类中。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="351"/>
        <source>The input is points with a trajectory ID (and time), lines, or a token-sequence layer made with the model&apos;s vocabulary.</source>
        <translation>输入为带轨迹 ID（和时间）的点、线，或使用该模型词表生成的词元序列图层。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="352"/>
        <source>Points in cells the model never saw map to their nearest hot cell or, outside the grid, to UNK.</source>
        <translation>落在模型从未见过的单元格中的点映射到最近的热点单元格，位于网格之外的点则映射为 UNK。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="353"/>
        <source>The .e2dtc file; it carries the grid and the vocabulary it was trained with, so new trajectories are discretized exactly as the training ones.</source>
        <translation>.e2dtc 文件；其中包含训练时所用的网格和词表，因此新轨迹的离散化方式与训练轨迹完全相同。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="354"/>
        <source>Classic trajectory clustering (k-medoids, t2vec + k-means)</source>
        <translation>经典轨迹聚类（k-medoids、t2vec + k-means）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="355"/>
        <source>The baselines of the E2DTC paper, to compare with &apos;E2DTC: train deep trajectory clustering&apos; on the same layer.</source>
        <translation>E2DTC 论文中的基线方法，用于在同一图层上与“E2DTC：训练深度轨迹聚类”进行比较。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="356"/>
        <source>Distances, on planar coordinates in metres: DTW (sum of matched point distances), Hausdorff, discrete Fréchet, EDR (edit distance, points match within ε, divided by the longer length) or LCSS (1 − longest common subsequence / shorter length, points match within ε and at most δ positions apart).</source>
        <translation>距离在以米为单位的平面坐标上计算：DTW（匹配点距离之和）、Hausdorff、离散 Fréchet、EDR（编辑距离，点在 ε 内视为匹配，除以较长轨迹的长度）或 LCSS（1 − 最长公共子序列 / 较短轨迹的长度，点在 ε 内且位置相差不超过 δ 时视为匹配）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="357"/>
        <source>t2vec also pre-trains on the optional more trajectories for pre-training, as E2DTC does.</source>
        <translation>与 E2DTC 一样，t2vec 也会在可选的“仅用于预训练的更多轨迹”上进行预训练。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="358"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="359"/>
        <source>k-medoids (FasterPAM, from the kmedoids package) over a trajectory distance in metres, or t2vec + k-means: E2DTC&apos;s pre-training, then k-means on the trajectory vectors (the paper&apos;s L0 ablation).</source>
        <translation>基于以米为单位的轨迹距离的 k-medoids（FasterPAM，来自 kmedoids 包），或 t2vec + k-means：先进行 E2DTC 的预训练，再对轨迹向量进行 k-means（即论文中的 L0 消融实验）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="360"/>
        <source>k-medoids, DTW</source>
        <translation>k-medoids，DTW</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="361"/>
        <source>k-medoids, Hausdorff</source>
        <translation>k-medoids，Hausdorff</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="362"/>
        <source>k-medoids, discrete Fréchet</source>
        <translation>k-medoids，离散 Fréchet</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="363"/>
        <source>k-medoids, EDR</source>
        <translation>k-medoids，EDR</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="364"/>
        <source>k-medoids, LCSS</source>
        <translation>k-medoids，LCSS</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="365"/>
        <source>t2vec + k-means</source>
        <translation>t2vec + k-means</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="366"/>
        <source>Number of clusters</source>
        <translation>聚类数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="367"/>
        <source>The k of k-medoids or k-means.</source>
        <translation>k-medoids 或 k-means 中的 k。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="368"/>
        <source>ε: matching distance for EDR and LCSS (metres)</source>
        <translation>ε：EDR 和 LCSS 的匹配距离（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="369"/>
        <source>Two points match when they are at most this far apart.</source>
        <translation>两点之间的距离不超过该值时视为匹配。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="370"/>
        <source>δ: largest index offset for LCSS</source>
        <translation>δ：LCSS 的最大索引偏移</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="371"/>
        <source>LCSS points match only when at most this many positions apart; empty: any offset.</source>
        <translation>LCSS 中只有位置相差不超过该值的点才能匹配；留空：不限偏移。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="372"/>
        <source>Maximum points per trajectory</source>
        <translation>每条轨迹的最大点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="373"/>
        <source>Trajectories are resampled to at most this many points before comparing.</source>
        <translation>比较之前，轨迹被重采样为最多这么多个点。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="374"/>
        <source>Sample size for the medoid search</source>
        <translation>寻找 medoid 的样本大小</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="375"/>
        <source>The distance matrix is quadratic: with more trajectories the medoids are found on a random sample of this size and every trajectory then joins its nearest medoid.</source>
        <translation>距离矩阵的规模随轨迹数平方增长：轨迹更多时，在该大小的随机样本上寻找 medoid，然后每条轨迹归入最近的 medoid。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="376"/>
        <source>Cell size for t2vec (metres)</source>
        <translation>t2vec 的单元格大小（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="377"/>
        <source>Side of the square grid cells (EPSG:3857) t2vec learns from.</source>
        <translation>t2vec 学习所用正方形网格单元格（EPSG:3857）的边长。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="378"/>
        <source>t2vec pre-training epochs</source>
        <translation>t2vec 预训练轮数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="379"/>
        <source>More trajectories for t2vec pre-training only</source>
        <translation>仅用于 t2vec 预训练的更多轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="380"/>
        <source>Trajectory lines with their cluster, plus is_medoid and distance (to the medoid, in the method&apos;s unit) for k-medoids or confidence (the largest soft assignment) for t2vec + k-means; categorized by cluster.</source>
        <translation>带聚类编号的轨迹线，k-medoids 另含 is_medoid 和 distance（到 medoid 的距离，采用该方法的单位），t2vec + k-means 另含 confidence（最大软分配）；按聚类分类渲染。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="381"/>
        <source>Evolutionary clustering of streaming trajectories (ECO)</source>
        <translation>流式轨迹的演化聚类（ECO）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="382"/>
        <source>Clusters moving objects time step by time step so that clusters change smoothly: ECO (Li, Chen, Jensen, Pedersen, Hu, arXiv 2109.11609).</source>
        <translation>逐个时间步对移动对象聚类，使聚类平滑地变化：ECO（Li、Chen、Jensen、Pedersen、Hu，arXiv 2109.11609）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="383"/>
        <source>Objects that jump away from their minimal group for a moment are moved back towards its most smoothly moving member (under the speed limit) before DBSCAN, and cluster ids are carried from step to step, so the output can be animated with the temporal controller.</source>
        <translation>短暂偏离其最小组的对象在 DBSCAN 之前（在速度限制内）被拉回到组内移动最平稳的成员附近，聚类编号在各时间步之间延续，因此输出可以用时间控制器播放动画。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="384"/>
        <source>The clustered points are categorized by cluster, with temporal properties from step_start/step_end: a step ends where the next one starts.</source>
        <translation>聚类点按聚类分类渲染，时间属性取自 step_start/step_end：一个时间步在下一个时间步开始时结束。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="385"/>
        <source>A point layer with one feature per GPS fix.</source>
        <translation>点图层（每个 GPS 定位一个要素）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="386"/>
        <source>Identifies the moving objects (vehicle, vessel, person).</source>
        <translation>标识移动对象（车辆、船舶、人员）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="387"/>
        <source>The time of each record.</source>
        <translation>每条记录的时间。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="388"/>
        <source>Time step Δt (seconds, 0 = median sampling interval)</source>
        <translation>时间步 Δt（秒，0 = 采样间隔中位数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="389"/>
        <source>Time is cut into steps of this length; an object keeps its earliest record per step, and a snapshot is the set of objects seen at a step.</source>
        <translation>时间被切分为该长度的时间步；每个对象在每个时间步保留最早的一条记录，快照是某一时间步出现的对象集合。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="390"/>
        <source>Start time (default: earliest record)</source>
        <translation>起始时间（默认：最早的记录）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="391"/>
        <source>The start of the first step; records before it are ignored.</source>
        <translation>第一个时间步的开始时间；此前的记录被忽略。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="392"/>
        <source>Speed limit μ (m/s)</source>
        <translation>速度限制 μ（m/s）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="393"/>
        <source>No adjustment moves an object further from its previous location than μ × the time between them; locations breaking it are first moved onto that circle.</source>
        <translation>任何调整都不会使对象离其上一位置超过 μ × 两者之间的时间；违反该限制的位置先被移到该圆上。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="394"/>
        <source>DBSCAN ε (m)</source>
        <translation>DBSCAN ε（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="395"/>
        <source>The DBSCAN neighbourhood radius.</source>
        <translation>DBSCAN 的邻域半径。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="396"/>
        <source>DBSCAN minPts</source>
        <translation>DBSCAN minPts</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="397"/>
        <source>DBSCAN's core-point count, a point counting itself (paper range 2–10).</source>
        <translation>DBSCAN 的核心点计数，点计入自身（论文范围 2–10）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="398"/>
        <source>Minimal group radius δ (m, at most ε)</source>
        <translation>最小组半径 δ（米，不超过 ε）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="399"/>
        <source>A minimal group is a seed with at least ρ objects within δ and the objects nearest to it (paper range 200–800 m).</source>
        <translation>最小组由一个在 δ 内至少有 ρ 个对象的种子点及离它最近的对象组成（论文范围 200–800 m）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="400"/>
        <source>Minimal group size ρ</source>
        <translation>最小组大小 ρ</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="401"/>
        <source>The objects a seed needs within δ (paper range 4–8).</source>
        <translation>种子点在 δ 内所需的对象数（论文范围 4–8）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="402"/>
        <source>History weight α</source>
        <translation>历史权重 α</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="403"/>
        <source>Weight of history against fidelity to the data (paper range 0.1–0.9).</source>
        <translation>历史相对于数据保真度的权重（论文范围 0.1–0.9）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="404"/>
        <source>Adapt ε by modularity</source>
        <translation>按模块度自适应 ε</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="405"/>
        <source>ε moves by Δε towards higher modularity once per step (iterated at the first step).</source>
        <translation>ε 每个时间步按 Δε 向模块度更高的方向移动一次（第一个时间步迭代进行）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="406"/>
        <source>ECO; DBSCAN per snapshot (no smoothing) or Kim–Han-style distance smoothing, for comparison.</source>
        <translation>ECO；或用于比较的逐快照 DBSCAN（不平滑）或 Kim–Han 式距离平滑。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="407"/>
        <source>ECO</source>
        <translation>ECO</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="408"/>
        <source>DBSCAN per snapshot</source>
        <translation>逐快照 DBSCAN</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="409"/>
        <source>Kim–Han distance smoothing</source>
        <translation>Kim–Han 距离平滑</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="410"/>
        <source>ε step Δε (m)</source>
        <translation>ε 步长 Δε（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="411"/>
        <source>The step by which ε adapts.</source>
        <translation>ε 自适应调整的步长。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="412"/>
        <source>QS radius (m, 0 = do not report QS)</source>
        <translation>QS 半径（米，0 = 不报告 QS）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="413"/>
        <source>The neighbour graph on which the per-step modularity QS is reported.</source>
        <translation>报告每个时间步模块度 QS 所用的邻居图。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="414"/>
        <source>Metric CRS (default: UTM zone of the data)</source>
        <translation>度量坐标参考系（默认：数据所在的 UTM 分带）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="415"/>
        <source>A projected CRS in metres the distances are measured in.</source>
        <translation>用于量测距离的以米为单位的投影坐标参考系。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="416"/>
        <source>Clustered points</source>
        <translation>聚类点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="417"/>
        <source>obj_id, step, step_start, step_end, time, orig_x/orig_y and adj_x/adj_y in the layer CRS, cluster (−1 = noise, ids stable across steps), role (core, border, noise), seed and smoothed; the point sits at the adjusted location.</source>
        <translation>obj_id、step、step_start、step_end、time、图层坐标参考系下的 orig_x/orig_y 和 adj_x/adj_y、cluster（−1 = 噪声，编号跨时间步稳定）、role（core、border、noise）、seed 和 smoothed；点位于调整后的位置。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="418"/>
        <source>Cluster events</source>
        <translation>聚类事件</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="419"/>
        <source>step, cluster, event (form, evolve, split, merge or dissolve) and the related clusters.</source>
        <translation>step、cluster、event（form、evolve、split、merge 或 dissolve）以及相关聚类。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="420"/>
        <source>Steps</source>
        <translation>时间步</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="421"/>
        <source>Per step: objects, clusters, QS, NMI with the previous step over the objects seen at both, ε used and processing milliseconds per record.</source>
        <translation>每个时间步：对象数、聚类数、QS、与上一时间步在两步都出现的对象上的 NMI、所用 ε 以及每条记录的处理毫秒数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="422"/>
        <source>CroTad: train an online trajectory anomaly detector</source>
        <translation>CroTad：训练在线轨迹异常检测器</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="423"/>
        <source>Trains CroTad (Xue et al., contrastive reinforcement learning for online trajectory anomaly detection) on trajectories assumed to be normal, grouped by origin-destination (OD) pair.</source>
        <translation>在假定为正常、按起讫点（OD）对分组的轨迹上训练 CroTad（Xue et al.，用于在线轨迹异常检测的对比强化学习）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="424"/>
        <source>Every trajectory becomes a sequence of H3 cells (consecutive repeats removed).</source>
        <translation>每条轨迹被转换为 H3 单元格序列（去除连续重复）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="425"/>
        <source>Cell embeddings come from node2vec on a hierarchical graph: the optional road network, the optional stops of public-transport routes and the cell transitions seen in the training trajectories.</source>
        <translation>单元格嵌入由 node2vec 在层次图上生成：该图由可选的道路网络、可选的公共交通线路站点以及训练轨迹中出现的单元格转移构成。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="426"/>
        <source>An encoder (route-wise graph attention over each OD&apos;s frequently visited cells, a GRU started from the OD embedding, attention pooling) is pre-trained on windows of WINDOW cells with three losses: reconstruction of masked cells, contrast between two augmented views of a window (STSC) and contrast between a window and generated abnormal versions of it (MIIC).</source>
        <translation>编码器（在每个 OD 的频繁访问单元格上进行按路线的图注意力、以 OD 嵌入为初始状态的 GRU、注意力池化）在由 WINDOW 个单元格组成的窗口上预训练，使用三种损失：被遮盖单元格的重建、同一窗口两个增强视图之间的对比（STSC），以及窗口与其生成的异常版本之间的对比（MIIC）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="427"/>
        <source>A DBSCAN clustering of the windows of each OD then gives pseudo-labels (a window in a small cluster is anomalous, Eq. 24), from which a deep Q-network learns to label windows one at a time, online.</source>
        <translation>随后对每个 OD 的窗口进行 DBSCAN 聚类得到伪标签（位于小聚类中的窗口为异常，Eq. 24），深度 Q 网络据此学习在线地逐个标注窗口。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="428"/>
        <source>Apply the model with &apos;CroTad: detect anomalous sub-trajectories&apos;.</source>
        <translation>请使用“CroTad：检测异常子轨迹”应用该模型。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="429"/>
        <source>Without an OD field, OD pairs are derived here exactly as Assign OD pairs does: the H3 cells of the first and last points at OD_RESOLUTION, pairs with at least MIN_TRIPS trajectories; the pairs are stored in the model so that detection finds them again.</source>
        <translation>未指定 OD 字段时，在此按与“分配 OD 对”完全相同的方式推导 OD 对：取第一个点和最后一个点在 OD_RESOLUTION 分辨率下的 H3 单元格，保留至少有 MIN_TRIPS 条轨迹的 OD 对；这些 OD 对保存在模型中，以便检测时再次找到它们。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="430"/>
        <source>Trajectories of fewer than 2 cells, and OD values with a single usable trajectory, are left out; trajectories shorter than the window are used with padded windows.</source>
        <translation>少于 2 个单元格的轨迹以及只有一条可用轨迹的 OD 值会被排除；短于窗口的轨迹使用填充后的窗口。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="431"/>
        <source>The paper's symbols: δod frequent-cell threshold, ρ1-ρ4 augmentations, τ temperature, δ1/δ2/m/λ of MIIC, α weights of the losses, γ discount of the DQN, δp voting threshold.</source>
        <translation>论文中的符号：δod 为频繁单元格阈值，ρ1-ρ4 为数据增强参数，τ 为温度，δ1/δ2/m/λ 为 MIIC 的参数，α 为各损失的权重，γ 为 DQN 的折扣因子，δp 为投票阈值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="432"/>
        <source>A point layer with one feature per GPS fix; use normal trajectories: the detector learns what the usual routes of each OD look like.</source>
        <translation>点图层（每个 GPS 定位一个要素）；请使用正常轨迹：检测器学习每个 OD 的常规路线是什么样子。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="433"/>
        <source>Groups points into trajectories.</source>
        <translation>将点分组为轨迹。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="434"/>
        <source>OD field</source>
        <translation>OD 字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="435"/>
        <source>The field holding the OD pair (or bus route + direction) of each trajectory, e.g. od_id of Assign OD pairs; the value of the first point counts and trajectories with a NULL value are left out; empty: OD pairs are derived from the end points.</source>
        <translation>存放每条轨迹的 OD 对（或公交线路 + 方向）的字段，例如“分配 OD 对”输出的 od_id；以第一个点的值为准，值为 NULL 的轨迹被排除；留空：由首末端点推导 OD 对。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="436"/>
        <source>OD resolution: H3 resolution of origin/destination cells (without an OD field)</source>
        <translation>OD 分辨率：起点/终点单元格的 H3 分辨率（无 OD 字段时）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="437"/>
        <source>The H3 cells of the first and last points at this resolution make the OD pair of a trajectory.</source>
        <translation>第一个点和最后一个点在该分辨率下的 H3 单元格构成轨迹的 OD 对。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="438"/>
        <source>Minimum trips per OD pair (without an OD field)</source>
        <translation>每个 OD 对的最少行程数（无 OD 字段时）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="439"/>
        <source>Derived OD pairs with fewer trajectories are left out.</source>
        <translation>轨迹数少于该值的推导 OD 对被排除。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="440"/>
        <source>H3 resolution of the trajectory cells (0-15)</source>
        <translation>轨迹单元格的 H3 分辨率（0-15）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="441"/>
        <source>10 as for Porto in the paper; 9 for buses.</source>
        <translation>10 与论文中 Porto 的设置相同；公交用 9。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="442"/>
        <source>Window (cells per sub-trajectory)</source>
        <translation>窗口（每个子轨迹的单元格数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="443"/>
        <source>The paper&apos;s L: 5 by default; the paper uses 10 for buses.</source>
        <translation>论文中的 L：默认 5；论文对公交使用 10。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="445"/>
        <source>Its lines add edges between the H3 cells they cross to the cell graph.</source>
        <translation>其中的线会在所经过的 H3 单元格之间向单元格图添加边。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="446"/>
        <source>Stops (points)</source>
        <translation>站点（点）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="447"/>
        <source>Public-transport stops with a route field and a sequence field; consecutive stops of a route add edges to the cell graph.</source>
        <translation>带线路字段和序号字段的公共交通站点；同一线路上相邻的站点会向单元格图添加边。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="448"/>
        <source>Stops: route field</source>
        <translation>站点：线路字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="449"/>
        <source>The route of each stop (needed with STOPS).</source>
        <translation>每个站点所属的线路（使用 STOPS 时必填）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="450"/>
        <source>Stops: sequence field (order along the route)</source>
        <translation>站点：序号字段（沿线路的顺序）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="451"/>
        <source>The order of the stops along their route (needed with STOPS).</source>
        <translation>站点沿其线路的顺序（使用 STOPS 时必填）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="452"/>
        <source>fast-CPU: small sizes and few epochs (minutes on a laptop); paper: the paper&apos;s sizes. The advanced parameters override the preset when set; those left empty take the preset&apos;s value (or an automatic one, as said in their help).</source>
        <translation>快速 CPU：较小的规模和较少的轮数（在笔记本电脑上需数分钟）；论文设置：采用论文中的规模。设置了高级参数时将覆盖预设值；留空的高级参数采用预设值（或如其帮助所述的自动值）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="453"/>
        <source>δod: frequent-cell threshold (visits per trajectory)</source>
        <translation>δod：频繁单元格阈值（每条轨迹的访问次数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="454"/>
        <source>A cell is frequent for an OD when its visits per trajectory of the OD exceed it (Eq. 6).</source>
        <translation>当某单元格在该 OD 每条轨迹上的平均访问次数超过此值时，该单元格对该 OD 为频繁单元格（Eq. 6）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="455"/>
        <source>node2vec cell embedding size</source>
        <translation>node2vec 单元格嵌入维度</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="456"/>
        <source>Size of the cell embeddings.</source>
        <translation>单元格嵌入的维度。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="457"/>
        <source>node2vec walk length</source>
        <translation>node2vec 游走长度</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="458"/>
        <source>Cells per random walk.</source>
        <translation>每次随机游走的单元格数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="459"/>
        <source>node2vec walks per cell</source>
        <translation>node2vec 每个单元格的游走次数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="460"/>
        <source>Random walks started at each cell.</source>
        <translation>从每个单元格出发的随机游走次数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="461"/>
        <source>node2vec return parameter p</source>
        <translation>node2vec 返回参数 p</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="462"/>
        <source>Grover and Leskovec&apos;s p.</source>
        <translation>Grover 和 Leskovec 提出的 p。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="463"/>
        <source>node2vec in-out parameter q</source>
        <translation>node2vec 进出参数 q</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="464"/>
        <source>Grover and Leskovec&apos;s q.</source>
        <translation>Grover 和 Leskovec 提出的 q。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="465"/>
        <source>Encoder hidden size</source>
        <translation>编码器隐藏层大小</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="466"/>
        <source>Size of the encoder&apos;s GRU state.</source>
        <translation>编码器 GRU 状态的大小。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="467"/>
        <source>Graph attention heads</source>
        <translation>图注意力头数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="468"/>
        <source>Heads of the route-wise graph attention; the hidden size must be a multiple of it.</source>
        <translation>按路线图注意力的头数；隐藏层大小必须是其倍数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="469"/>
        <source>Graph attention layers</source>
        <translation>图注意力层数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="470"/>
        <source>Stacked graph attention layers.</source>
        <translation>堆叠的图注意力层数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="471"/>
        <source>Projection head size</source>
        <translation>投影头大小</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="472"/>
        <source>Size of the contrastive projection head.</source>
        <translation>对比学习投影头的大小。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="473"/>
        <source>ρ1: most cells masked</source>
        <translation>ρ1：最多遮盖的单元格数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="474"/>
        <source>Augmentation by masking. Empty: half the window (at least 1).</source>
        <translation>通过遮盖进行数据增强。留空：窗口长度的一半（至少为 1）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="475"/>
        <source>ρ2: most cells cut at the rear</source>
        <translation>ρ2：尾部最多裁剪的单元格数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="476"/>
        <source>Augmentation by cropping. Empty: half the window (at least 1).</source>
        <translation>通过裁剪进行数据增强。留空：窗口长度的一半（至少为 1）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="477"/>
        <source>ρ3: most cells cut at the head</source>
        <translation>ρ3：首部最多裁剪的单元格数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="478"/>
        <source>ρ4: largest share of masked cells to reconstruct</source>
        <translation>ρ4：待重建的遮盖单元格的最大比例</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="479"/>
        <source>Share of a window&apos;s cells masked for the reconstruction loss.</source>
        <translation>为计算重建损失而遮盖的窗口单元格比例。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="480"/>
        <source>τ: contrastive temperature</source>
        <translation>τ：对比学习温度</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="481"/>
        <source>Temperature of the STSC and MIIC losses.</source>
        <translation>STSC 和 MIIC 损失的温度。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="482"/>
        <source>δ1: normality score above which a positive pair counts fully</source>
        <translation>δ1：正样本对完全计入所需的正常性得分下限</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="483"/>
        <source>MIIC&apos;s upper normality threshold.</source>
        <translation>MIIC 的正常性上阈值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="484"/>
        <source>δ2: normality score below which a positive pair counts as negative</source>
        <translation>δ2：正样本对低于此正常性得分时视为负样本</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="485"/>
        <source>MIIC's lower normality threshold (at most δ1).</source>
        <translation>MIIC 的正常性下阈值（不超过 δ1）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="486"/>
        <source>m: MIIC margin</source>
        <translation>m：MIIC 间隔</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="487"/>
        <source>The margin m of MIIC (0 to 2).</source>
        <translation>MIIC 的间隔 m（0 到 2）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="488"/>
        <source>λ: MIIC scale</source>
        <translation>λ：MIIC 缩放系数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="489"/>
        <source>The scale λ of MIIC (Eq. 9-10).</source>
        <translation>MIIC 的缩放系数 λ（Eq. 9-10）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="490"/>
        <source>k-hop of rare replacement cells</source>
        <translation>稀有替换单元格的 k 跳范围</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="491"/>
        <source>Generated abnormal windows replace cells with rare cells at most this many H3 steps away.</source>
        <translation>生成的异常窗口用相距不超过这么多 H3 步的稀有单元格替换原单元格。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="492"/>
        <source>Generated negatives per window</source>
        <translation>每个窗口生成的负样本数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="493"/>
        <source>Abnormal versions generated of each window for MIIC.</source>
        <translation>为 MIIC 对每个窗口生成的异常版本数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="496"/>
        <source>α1: weight of the reconstruction loss</source>
        <translation>α1：重建损失的权重</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="497"/>
        <source>α1 of the loss.</source>
        <translation>损失中的 α1。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="498"/>
        <source>α2: weight of the STSC loss</source>
        <translation>α2：STSC 损失的权重</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="499"/>
        <source>α2 of the loss.</source>
        <translation>损失中的 α2。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="500"/>
        <source>α3: weight of the MIIC loss</source>
        <translation>α3：MIIC 损失的权重</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="501"/>
        <source>α3 of the loss.</source>
        <translation>损失中的 α3。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="502"/>
        <source>Epochs of contrastive pre-training of the encoder.</source>
        <translation>编码器对比预训练的轮数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="503"/>
        <source>Most batches per pre-training epoch</source>
        <translation>每个预训练轮次的最大批次数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="504"/>
        <source>Fewer when the training windows fill fewer batches.</source>
        <translation>训练窗口填不满这么多批次时会更少。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="505"/>
        <source>Windows per pre-training batch.</source>
        <translation>每个预训练批次的窗口数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="506"/>
        <source>Pre-training learning rate</source>
        <translation>预训练学习率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="507"/>
        <source>The Adam learning rate of pre-training.</source>
        <translation>预训练中 Adam 优化器的学习率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="508"/>
        <source>DBSCAN eps</source>
        <translation>DBSCAN eps</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="509"/>
        <source>The neighbourhood radius of the clustering of windows; empty: automatic (see EPS_QUANTILE).</source>
        <translation>窗口聚类的邻域半径；留空：自动确定（见 EPS_QUANTILE）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="510"/>
        <source>Automatic DBSCAN eps: quantile of the neighbour distances</source>
        <translation>自动 DBSCAN eps：邻居距离的分位数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="511"/>
        <source>The automatic eps is this quantile of the distinct windows&apos; distances to their DBSCAN_MIN_SAMPLES-th neighbour; empty: the quantile (0.3 to 0.95) separating generated anomalies best.</source>
        <translation>自动 eps 取各不同窗口到其第 DBSCAN_MIN_SAMPLES 个邻居的距离的该分位数；留空：取最能区分生成异常的分位数（0.3 到 0.95）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="512"/>
        <source>DBSCAN minimum samples</source>
        <translation>DBSCAN 最小样本数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="513"/>
        <source>DBSCAN&apos;s min_samples.</source>
        <translation>DBSCAN 的 min_samples。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="514"/>
        <source>Training windows clustered per OD</source>
        <translation>每个 OD 参与聚类的训练窗口数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="515"/>
        <source>At most this many windows of each OD are clustered.</source>
        <translation>每个 OD 最多对这么多个窗口进行聚类。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="516"/>
        <source>DQN training steps</source>
        <translation>DQN 训练步数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="517"/>
        <source>Training steps of the deep Q-network.</source>
        <translation>深度 Q 网络的训练步数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="518"/>
        <source>DQN batch size</source>
        <translation>DQN 批大小</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="519"/>
        <source>Transitions per DQN training batch.</source>
        <translation>每个 DQN 训练批次的转移样本数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="520"/>
        <source>γ: DQN discount</source>
        <translation>γ：DQN 折扣因子</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="521"/>
        <source>The discount γ of the DQN (at most 1).</source>
        <translation>DQN 的折扣因子 γ（不超过 1）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="522"/>
        <source>DQN learning rate</source>
        <translation>DQN 学习率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="523"/>
        <source>The Adam learning rate of the DQN.</source>
        <translation>DQN 中 Adam 优化器的学习率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="524"/>
        <source>DQN replay buffer size</source>
        <translation>DQN 经验回放缓冲区大小</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="525"/>
        <source>Transitions kept for replay.</source>
        <translation>保留用于经验回放的转移样本数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="526"/>
        <source>DQN target network update (steps)</source>
        <translation>DQN 目标网络更新间隔（步）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="527"/>
        <source>The target network is updated every this many steps.</source>
        <translation>目标网络每隔这么多步更新一次。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="528"/>
        <source>Share of generated anomalous windows in DQN training</source>
        <translation>DQN 训练中生成的异常窗口所占比例</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="529"/>
        <source>Below 1.</source>
        <translation>小于 1。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="530"/>
        <source>DQN exploration rate at the start</source>
        <translation>DQN 初始探索率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="531"/>
        <source>ε-greedy at step 0.</source>
        <translation>第 0 步时的 ε-贪心探索率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="532"/>
        <source>DQN exploration rate at the end</source>
        <translation>DQN 最终探索率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="533"/>
        <source>ε-greedy at the last step.</source>
        <translation>最后一步时的 ε-贪心探索率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="534"/>
        <source>δp: voting threshold</source>
        <translation>δp：投票阈值</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="535"/>
        <source>A cell is anomalous when this many of the windows holding it are (1 to the window, Eq. 26-27); empty: the window, so every window must vote anomalous.</source>
        <translation>当包含某单元格的窗口中有这么多个为异常时，该单元格为异常（1 到窗口长度，Eq. 26-27）；留空：取窗口长度，即所有窗口都必须投票为异常。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="536"/>
        <source>The same seed and input give the same model.</source>
        <translation>相同的种子和输入会得到相同的模型。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="537"/>
        <source>The .pt file: weights, parameters, the vocabulary of cells and the OD pairs.</source>
        <translation>.pt 文件：权重、参数、单元格词表和 OD 对。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="538"/>
        <source>DeepTraj CroTad model (*.pt)</source>
        <translation>DeepTraj CroTad 模型 (*.pt)</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="539"/>
        <source>The pre-training loss curves (total, reconstruction, STSC, MIIC), the pseudo-label counts per OD, the DQN reward curve, the graph statistics and the parameters used.</source>
        <translation>预训练损失曲线（总损失、重建、STSC、MIIC）、每个 OD 的伪标签计数、DQN 奖励曲线、图统计信息以及所用参数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="540"/>
        <source>Trajectories used for training</source>
        <translation>用于训练的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="541"/>
        <source>OD pairs in the model</source>
        <translation>模型中的 OD 对</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="543"/>
        <source>CroTad: detect anomalous sub-trajectories</source>
        <translation>CroTad：检测异常子轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="544"/>
        <source>Labels every point of the input trajectories normal or anomalous with a model trained by &apos;CroTad: train an online trajectory anomaly detector&apos;.</source>
        <translation>使用由“CroTad：训练在线轨迹异常检测器”训练的模型，将输入轨迹的每个点标注为正常或异常。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="545"/>
        <source>Each trajectory is mapped to H3 cells at the model&apos;s resolution (consecutive repeats removed) and cut into windows of the model&apos;s length L, padded at both ends so that every cell lies in exactly L windows.</source>
        <translation>每条轨迹按模型的分辨率映射为 H3 单元格（去除连续重复），并切分为长度为模型 L 值的窗口，两端进行填充，使每个单元格恰好位于 L 个窗口中。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="546"/>
        <source>Each window is labelled normal or anomalous; a cell gets one vote per anomalous window holding it and is anomalous when its votes reach the Voting threshold (Eq. 26-27); a point takes the label of its cell.</source>
        <translation>每个窗口被标注为正常或异常；包含某单元格的每个异常窗口为该单元格投一票，票数达到投票阈值时该单元格为异常（Eq. 26-27）；点采用其所在单元格的标签。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="547"/>
        <source>Trajectories of an OD the model does not know are skipped (a warning lists them).</source>
        <translation>属于模型未知 OD 的轨迹会被跳过（警告中会列出这些轨迹）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="548"/>
        <source>Online, a point is labelled as soon as its last window is seen, and the results give the time per point.</source>
        <translation>在线模式下，点的最后一个窗口一出现即对其进行标注，结果中给出每个点的耗时。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="549"/>
        <source>H3 cells the model never saw in training are allowed: they are encoded as an unknown cell, which the model treats as rare (usually anomalous).</source>
        <translation>允许出现模型训练时从未见过的 H3 单元格：它们被编码为未知单元格，模型将其视为稀有单元格（通常判为异常）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="550"/>
        <source>The Flagged segments have the fields traj_id, od, start_time, end_time, n_points, label (1 = anomalous), mean_votes, anomaly_type (from the input, when present) and reviewed (empty, for the Flagged segments panel, which opens on this layer).</source>
        <translation>“标记的片段”具有字段 traj_id、od、start_time、end_time、n_points、label（1 = 异常）、mean_votes、anomaly_type（输入中有该字段时取自输入）和 reviewed（为空，供“标记的片段”面板使用，该面板会在此图层上打开）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="552"/>
        <source>When the input carries is_anomaly and anomaly_type (as the output of Synthetic anomalies), also window- and point-level precision, recall and F1 per anomaly type (WINDOW_P_/WINDOW_R_/WINDOW_F1_ and POINT_P_/POINT_R_/POINT_F1_ followed by the type, and _ALL over every trajectory), the false-positive rates of the normal trajectories, and an optional HTML Report with the table laid out like Table 2 of the paper.</source>
        <translation>当输入带有 is_anomaly 和 anomaly_type（如“合成异常”的输出）时，还会给出每种异常类型在窗口级和点级的精确率、召回率和 F1（WINDOW_P_/WINDOW_R_/WINDOW_F1_ 和 POINT_P_/POINT_R_/POINT_F1_ 后接类型名，_ALL 表示全部轨迹）、正常轨迹的误报率，以及可选的 HTML 报告，其中的表格按论文表 2 的格式排列。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="553"/>
        <source>The .pt file written by the training algorithm.</source>
        <translation>训练算法写出的 .pt 文件。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="554"/>
        <source>Orders the points; without it the input order of each trajectory&apos;s points is used.</source>
        <translation>用于对点排序；未指定时使用每条轨迹中点的输入顺序。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="555"/>
        <source>The field holding each trajectory&apos;s OD pair (or route), with the values used in training; empty: the training OD field when the input has it, else (for a model whose OD pairs were derived from end points) the stored pairs matched on the H3 cells of the first and last points.</source>
        <translation>存放每条轨迹的 OD 对（或线路）的字段，其取值须与训练时所用的一致；留空：输入中有训练时的 OD 字段则使用该字段，否则（对于由首末端点推导 OD 对的模型）按第一个点和最后一个点的 H3 单元格匹配模型中保存的 OD 对。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="556"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="557"/>
        <source>online replays all points in time order through the streaming detector (the deep Q-network labels each window as it is completed); offline uses the clustering detector: a window is anomalous when it falls in a small DBSCAN cluster among the training windows of its OD (Eq. 24).</source>
        <translation>在线：将所有点按时间顺序回放给流式检测器（深度 Q 网络在每个窗口完成时对其进行标注）；离线：使用聚类检测器，当窗口在其 OD 的训练窗口中落入一个小的 DBSCAN 聚类时判为异常（Eq. 24）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="558"/>
        <source>online: replay the points in time order (DQN)</source>
        <translation>在线：按时间顺序回放各点（DQN）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="559"/>
        <source>offline: clustering of windows (DBSCAN)</source>
        <translation>离线：窗口聚类（DBSCAN）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="560"/>
        <source>Voting threshold (votes out of the window length)</source>
        <translation>投票阈值（票数，满票为窗口长度）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="561"/>
        <source>A cell is anomalous when this many of the L windows holding it are (1 to L); empty: the model&apos;s.</source>
        <translation>当包含某单元格的 L 个窗口中有这么多个为异常时，该单元格为异常（1 到 L）；留空：使用模型中的值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="562"/>
        <source>Online: label whole trajectories at once instead of replaying (same labels)</source>
        <translation>在线：一次标注整条轨迹而不逐点回放（标签相同）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="563"/>
        <source>The same labels as the replay, computed trajectory by trajectory (faster; no time per point).</source>
        <translation>逐条轨迹计算，标签与回放相同（更快；不给出每个点的耗时）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="565"/>
        <source>One line per run of equally labelled consecutive points of a trajectory (consecutive segments share their boundary point); anomalous segments are red dashed, normal ones thin blue.</source>
        <translation>轨迹中每段标签相同的连续点生成一条线（相邻片段共用边界点）；异常片段以红色虚线显示，正常片段以蓝色细线显示。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="566"/>
        <source>traj_id, seq, time, od, cell (H3), votes, label, and is_anomaly / anomaly_type copied from the input when present; points of skipped trajectories have no label.</source>
        <translation>traj_id、seq、time、od、cell（H3）、votes、label，以及输入中存在时复制过来的 is_anomaly / anomaly_type；被跳过轨迹的点没有标签。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="567"/>
        <source>The results and, when the input carries is_anomaly and anomaly_type, the evaluation laid out like Table 2 of the paper.</source>
        <translation>结果，以及输入带有 is_anomaly 和 anomaly_type 时按论文表 2 格式排列的评估。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="568"/>
        <source>Trajectories labelled</source>
        <translation>已标注的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="569"/>
        <source>Trajectories skipped (OD unknown to the model)</source>
        <translation>跳过的轨迹（模型未知的 OD）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="570"/>
        <source>Trajectories with an anomalous point</source>
        <translation>含异常点的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="571"/>
        <source>Anomalous points</source>
        <translation>异常点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="572"/>
        <source>Segments</source>
        <translation>路段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="573"/>
        <source>Mobility embeddings: train (Transformer + BiLSTM)</source>
        <translation>移动性嵌入：训练（Transformer + BiLSTM）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="574"/>
        <source>Trains the hybrid Transformer + bidirectional-LSTM model of the LYMob-4Cities &quot;Experiment 21&quot; post that turns each user-day (or trajectory) into a 512-value embedding.</source>
        <translation>训练 LYMob-4Cities “Experiment 21” 帖子中的 Transformer + 双向 LSTM 混合模型，将每个用户日（或轨迹）转换为 512 维嵌入。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="575"/>
        <source>Self-supervised: the model predicts the next location of a sequence from the records before it (the target is never part of the input), with Gaussian noise on the input coordinates and early stopping on held-out users.</source>
        <translation>自监督：模型根据序列中之前的记录预测下一位置（目标从不出现在输入中），同时在输入坐标上添加高斯噪声，并依据留出用户进行早停。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="576"/>
        <source>Apply the model with &apos;Mobility embeddings: embed trajectories&apos;.</source>
        <translation>请使用“移动性嵌入：嵌入轨迹”应用该模型。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="577"/>
        <source>A point layer with a time: a LYMob / YJMob100K import (user field uid), GPS points with a user field, or any trajectories.</source>
        <translation>带时间的点图层：LYMob / YJMob100K 导入结果（用户字段 uid）、带用户字段的 GPS 点或任意轨迹。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="578"/>
        <source>Groups points into trajectories; needed to group by trajectory.</source>
        <translation>将点分组为轨迹；按轨迹分组时必填。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="579"/>
        <source>The time of each point: a date-time, ISO 8601 text, epoch seconds or milliseconds.</source>
        <translation>每个点的时间：日期时间、ISO 8601 文本、Unix 纪元秒或毫秒。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="581"/>
        <source>The user of each point, needed to group by user-day (uid in a LYMob import); without it every trajectory ID is taken as one user.</source>
        <translation>每个点所属的用户，按用户日分组时必填（LYMob 导入结果中为 uid）；未指定时每个轨迹 ID 视为一个用户。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="582"/>
        <source>Group by</source>
        <translation>分组方式</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="583"/>
        <source>user-day: one sequence per user and local day (needs the user field); trajectory: one sequence per trajectory (needs the trajectory ID field).</source>
        <translation>用户日：每个用户每个本地日一个序列（需要用户字段）；轨迹：每条轨迹一个序列（需要轨迹 ID 字段）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="584"/>
        <source>user-day</source>
        <translation>用户日</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="585"/>
        <source>trajectory</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="586"/>
        <source>Resampling interval (minutes)</source>
        <translation>重采样间隔（分钟）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="587"/>
        <source>Only the first point of each interval is kept; empty: 30 for user-days (LYMob&apos;s slots), 1 for trajectories.</source>
        <translation>每个间隔只保留第一个点；留空：用户日为 30（LYMob 的时段），轨迹为 1。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="588"/>
        <source>Time zone, hours from UTC</source>
        <translation>时区（相对 UTC 的小时数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="589"/>
        <source>Sets the local day, the half-hour slot and the day of week; empty: from the data&apos;s longitude, or UTC for a LYMob import.</source>
        <translation>决定本地日期、半小时时段和星期几；留空：根据数据的经度推算，LYMob 导入结果则使用 UTC。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="590"/>
        <source>Location cell size (metres)</source>
        <translation>位置单元格大小（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="591"/>
        <source>Side of the square cells whose locations the model predicts (500 m, LYMob&apos;s cells).</source>
        <translation>模型所预测位置的正方形单元格边长（500 m，即 LYMob 的单元格）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="592"/>
        <source>fast-CPU: d_model 64, 1 transformer block, 12 epochs; post: d_model 128, 2 blocks, 50 epochs. Both use a 2-layer BiLSTM of 256 units, i.e. 512-value embeddings; the advanced sizes override the preset.</source>
        <translation>快速 CPU：d_model 64，1 个 Transformer 块，12 轮；post：d_model 128，2 个块，50 轮。两者都使用 2 层、256 单元的 BiLSTM，即 512 维嵌入；高级参数中的规模设置会覆盖预设。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="593"/>
        <source>post (Experiment 21)</source>
        <translation>post（Experiment 21）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="594"/>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="595"/>
        <source>Passes over the training sequences (early stopping may end sooner).</source>
        <translation>遍历训练序列的次数（早停可能使训练提前结束）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="596"/>
        <source>Transformer width d_model</source>
        <translation>Transformer 宽度 d_model</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="597"/>
        <source>Width of the transformer; a multiple of the heads.</source>
        <translation>Transformer 的宽度；须为注意力头数的倍数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="598"/>
        <source>Attention heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="599"/>
        <source>Heads of the multi-head attention.</source>
        <translation>多头注意力的头数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="600"/>
        <source>Transformer blocks</source>
        <translation>Transformer 块数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="601"/>
        <source>Transformer encoder blocks before the BiLSTM.</source>
        <translation>BiLSTM 之前的 Transformer 编码器块数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="602"/>
        <source>BiLSTM hidden size (embedding = 2 x)</source>
        <translation>BiLSTM 隐藏层大小（嵌入 = 2 x）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="603"/>
        <source>Units of each direction of the bidirectional LSTM: the embedding has twice this many values.</source>
        <translation>双向 LSTM 每个方向的单元数：嵌入的维度为该值的两倍。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="604"/>
        <source>BiLSTM layers</source>
        <translation>BiLSTM 层数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="605"/>
        <source>Stacked bidirectional LSTM layers.</source>
        <translation>堆叠的双向 LSTM 层数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="606"/>
        <source>Gaussian noise on input coordinates (metres)</source>
        <translation>输入坐标的高斯噪声（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="607"/>
        <source>Standard deviation of the Gaussian noise added to the input coordinates while training.</source>
        <translation>训练时添加到输入坐标上的高斯噪声的标准差。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="610"/>
        <source>Early-stopping patience (epochs)</source>
        <translation>早停耐心值（轮数）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="611"/>
        <source>Training stops after this many epochs without a better validation loss.</source>
        <translation>验证损失连续这么多轮没有改善时停止训练。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="612"/>
        <source>Validation users (share held out)</source>
        <translation>验证用户（留出比例）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="613"/>
        <source>Share of the users held out for early stopping and for the out-of-sample figures of the report.</source>
        <translation>留出用于早停和报告中样本外指标的用户比例。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="614"/>
        <source>User embedding in the prediction head</source>
        <translation>在预测头中使用用户嵌入</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="615"/>
        <source>Adds a learned user vector to the prediction head only (never to the embedding); unseen users get the &quot;unknown&quot; vector.</source>
        <translation>仅在预测头中加入可学习的用户向量（从不加入嵌入）；未见过的用户使用“unknown”向量。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="616"/>
        <source>A projected CRS in metres for the locations; empty: the UTM zone of the data.</source>
        <translation>位置所用的以米为单位的投影坐标参考系；留空：数据所在的 UTM 分带。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="617"/>
        <source>Weights, parameters and the grouping, resampling, time zone and CRS, to apply with &apos;Mobility embeddings: embed trajectories&apos;.</source>
        <translation>权重、参数以及分组、重采样、时区和坐标参考系设置，可通过“移动性嵌入：嵌入轨迹”使用。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="618"/>
        <source>DeepTraj mobility-embedding model (*.mobemb)</source>
        <translation>DeepTraj 移动性嵌入模型 (*.mobemb)</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="619"/>
        <source>Loss curves, next-location accuracy@1/@5 of the model on the held-out users next to the most-frequent-location and first-order Markov baselines, user re-identification across days from the embeddings and from the baselines&apos; features, and the PCA explained variance after standardisation.</source>
        <translation>损失曲线；模型在留出用户上的下一位置 accuracy@1/@5，并与最常访问位置基线和一阶马尔可夫基线对比；基于嵌入和基线特征的跨日用户再识别；以及标准化后 PCA 的解释方差。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="620"/>
        <source>Mobility embeddings: embed trajectories</source>
        <translation>移动性嵌入：嵌入轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="621"/>
        <source>Embeds user-days (or trajectories) with a model trained by &apos;Mobility embeddings: train&apos;, also for users the model never saw.</source>
        <translation>使用由“移动性嵌入：训练”训练的模型对用户日（或轨迹）进行嵌入，模型从未见过的用户也适用。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="622"/>
        <source>The grouping, resampling, time zone and CRS are the model&apos;s.</source>
        <translation>分组、重采样、时区和坐标参考系均沿用模型中的设置。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="623"/>
        <source>PCA_1 and PCA_2 are the PCA of this set of embeddings after standardising every dimension to zero mean and unit variance.</source>
        <translation>PCA_1 和 PCA_2 是将每个维度标准化为零均值、单位方差后对这组嵌入进行 PCA 的结果。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="624"/>
        <source>The explained variance of the components is in the results.</source>
        <translation>各主成分的解释方差见结果。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="625"/>
        <source>In QGIS the output opens in the Embedding explorer dock: select a region of the scatter to select the user-days on the map and see a heatmap of their points.</source>
        <translation>在 QGIS 中，输出会在“嵌入浏览器”停靠面板中打开：在散点图中选择一个区域，即可在地图上选中相应的用户日并查看其点的热力图。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="626"/>
        <source>The .mobemb file of &apos;Mobility embeddings: train&apos;.</source>
        <translation>“移动性嵌入：训练”生成的 .mobemb 文件。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="627"/>
        <source>Embedding format</source>
        <translation>嵌入格式</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="628"/>
        <source>The embedding as one numeric field per value (e000, e001, ...), as one JSON text field, or not at all.</source>
        <translation>嵌入的输出方式：每个值一个数值字段（e000、e001、...）、一个 JSON 文本字段，或不输出。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="629"/>
        <source>numeric fields</source>
        <translation>数值字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="630"/>
        <source>one JSON text field</source>
        <translation>一个 JSON 文本字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="631"/>
        <source>none (PCA only)</source>
        <translation>不输出（仅 PCA）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="632"/>
        <source>Add a UMAP projection (needs umap-learn)</source>
        <translation>添加 UMAP 投影（需要 umap-learn）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="633"/>
        <source>Adds UMAP_1 and UMAP_2, a UMAP projection of the embeddings (needs the umap-learn package).</source>
        <translation>添加 UMAP_1 和 UMAP_2，即嵌入的 UMAP 投影（需要 umap-learn 包）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="634"/>
        <source>Embedded sequences</source>
        <translation>已嵌入的序列</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="635"/>
        <source>One line per sequence (its points in time order) with group_id, user, day, dow (0 = Monday), n_points, n_records, start and end time, PCA_1, PCA_2 and the embedding.</source>
        <translation>每个序列一条线（其点按时间顺序排列），带 group_id、user、day、dow（0 = 星期一）、n_points、n_records、起止时间、PCA_1、PCA_2 和嵌入。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="636"/>
        <source>Embeddings file (.npy or .csv)</source>
        <translation>嵌入文件（.npy 或 .csv）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="637"/>
        <source>The embedding matrix as .npy, or as .csv (group_id then the values).</source>
        <translation>嵌入矩阵，保存为 .npy，或保存为 .csv（先是 group_id，然后是各个值）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="638"/>
        <source>NumPy array (*.npy);;CSV (*.csv)</source>
        <translation>NumPy 数组 (*.npy);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="639"/>
        <source>Map-match trajectories to road segments</source>
        <translation>将轨迹地图匹配到路段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="640"/>
        <source>Puts GPS trajectory points onto the lines of a road layer with a hidden Markov model (Newson and Krumm, 2009) and writes the sequence of road segments each trajectory drove.</source>
        <translation>使用隐马尔可夫模型（Newson 和 Krumm，2009）将 GPS 轨迹点匹配到道路图层的线上，并写出每条轨迹所行驶的路段序列。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="641"/>
        <source>Road segments are the units of the MetaTRL algorithms: matching once shows how well a road layer fits the trajectories.</source>
        <translation>路段是 MetaTRL 算法所用的单元：先进行一次匹配，可以看出道路图层与轨迹的吻合程度。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="642"/>
        <source>Each point&apos;s candidates are the road lines within the search radius.</source>
        <translation>每个点的候选是搜索半径内的道路线。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="643"/>
        <source>A candidate is likelier the nearer the point (GPS noise), and a pair of candidates of consecutive points is likelier the closer the driving distance between them (respecting the lines&apos; directions and the connections of the network) is to the straight distance between the points.</source>
        <translation>候选离点越近，可能性越大（GPS 噪声）；相邻两点的一对候选之间的行驶距离（遵循线的方向和路网的连接关系）越接近两点之间的直线距离，这对候选的可能性越大。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="644"/>
        <source>The most likely sequence is found with the Viterbi algorithm.</source>
        <translation>用 Viterbi 算法求出可能性最大的序列。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="645"/>
        <source>Where no candidate of a point can be reached from the previous point&apos;s, the match breaks and starts again (counted in N_BREAKS); points without a road line within the radius are left out.</source>
        <translation>若从上一个点的候选无法到达某点的任何候选，匹配在此中断并重新开始（计入 N_BREAKS）；半径内没有道路线的点被排除。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="646"/>
        <source>Segments between two matched points are filled in along the shortest path.</source>
        <translation>两个已匹配点之间的路段沿最短路径补全。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="647"/>
        <source>Lines are driven in their digitised direction: layers with one line per driving direction (OSMnx exports) need nothing more; tick &apos;Lines can be driven in both directions&apos; for layers whose lines are undirected (each line then gives two segments).</source>
        <translation>线按其数字化方向行驶：每个行驶方向一条线的图层（OSMnx 导出）无需额外设置；对于线无方向的图层，请勾选“线可双向行驶”（此时每条线生成两个路段）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="648"/>
        <source>Turning back onto the same line is only allowed at dead ends.</source>
        <translation>只允许在断头路处掉头驶回同一条线。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="649"/>
        <source>The output has traj_id, n_units (segments), units (segment keys: 2 x feature id, + 1 for a line driven against its direction), segment_fids (feature ids of the road lines), n_points, matched_points, share (matched share of the points), n_breaks, start_time and end_time of the trajectory.</source>
        <translation>输出包含 traj_id、n_units（路段数）、units（路段键：2 x 要素 ID，逆线方向行驶时 + 1）、segment_fids（道路线的要素 ID）、n_points、matched_points、share（已匹配点的比例）、n_breaks，以及轨迹的 start_time 和 end_time。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="650"/>
        <source>Trajectories with no matched point get no geometry.</source>
        <translation>没有任何匹配点的轨迹没有几何。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="651"/>
        <source>Results: MATCHED_SHARE (share of all points matched), N_BREAKS, N_TRAJECTORIES.</source>
        <translation>结果：MATCHED_SHARE（所有点中已匹配的比例）、N_BREAKS、N_TRAJECTORIES。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="652"/>
        <source>The time of each point, needed to match (a date-time, ISO 8601 text or epoch).</source>
        <translation>每个点的时间，匹配时必需（日期时间、ISO 8601 文本或 Unix 纪元时间）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="653"/>
        <source>A line layer of roads; lines connect where their end points meet (within 0.5 m), or through the advanced start/end node ID fields.</source>
        <translation>道路线图层；线在端点相接（0.5 m 以内）处相连，或通过高级参数中的起点/终点节点 ID 字段相连。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="654"/>
        <source>Road class field (e.g. OSM highway)</source>
        <translation>道路等级字段（如 OSM highway）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="655"/>
        <source>Becomes an attribute of the road segments for the MetaTRL algorithms; matching does not use it.</source>
        <translation>作为路段的属性供 MetaTRL 算法使用；匹配过程不使用该字段。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="656"/>
        <source>Number of lanes field</source>
        <translation>车道数字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="657"/>
        <source>Maximum speed field (km/h)</source>
        <translation>最高速度字段（km/h）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="659"/>
        <source>Lines are otherwise driven in their digitised direction, as in layers with one line per driving direction (OSMnx exports); with this ticked each line gives two segments.</source>
        <translation>否则线按其数字化方向行驶，适用于每个行驶方向一条线的图层（OSMnx 导出）；勾选此项后每条线生成两个路段。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="660"/>
        <source>Start node ID field</source>
        <translation>起点节点 ID 字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="661"/>
        <source>The node a line starts at (such as OSMnx&apos;s u or start_node); default: lines connect where their end points meet.</source>
        <translation>线的起始节点（如 OSMnx 的 u 或 start_node）；默认：线在端点相接处相连。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="662"/>
        <source>End node ID field</source>
        <translation>终点节点 ID 字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="663"/>
        <source>The node a line ends at (such as OSMnx&apos;s v or end_node); give both node ID fields, or neither.</source>
        <translation>线的终止节点（如 OSMnx 的 v 或 end_node）；请同时指定两个节点 ID 字段，或都不指定。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="665"/>
        <source>How far from a point road lines are considered.</source>
        <translation>在距点多远的范围内考虑道路线。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="667"/>
        <source>The standard deviation of the position error.</source>
        <translation>位置误差的标准差。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="668"/>
        <source>Matched trajectories</source>
        <translation>匹配后的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="669"/>
        <source>One line per trajectory along the matched segments, in the road layer&apos;s CRS.</source>
        <translation>每条轨迹一条沿匹配路段的线，采用道路图层的坐标参考系。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="670"/>
        <source>Share of the points matched</source>
        <translation>已匹配点的比例</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="671"/>
        <source>Number of breaks of the matching</source>
        <translation>匹配中断次数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="672"/>
        <source>MetaTRL: train cross-city trajectory embeddings</source>
        <translation>MetaTRL：训练跨城市轨迹嵌入</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="673"/>
        <source>Learns trajectory embeddings for a target city with MetaTRL (Yu et al., AAAI 2026): a road (or cell) encoder with meta-knowledge of the road structure, a transferable temporal encoder and a transformer that takes its queries and keys from parameters shared between cities and its values from the city&apos;s private parameters.</source>
        <translation>使用 MetaTRL（Yu et al., AAAI 2026）为目标城市学习轨迹嵌入：包括具有道路结构元知识的道路（或单元格）编码器、可迁移的时间编码器，以及一个 Transformer，其查询和键来自城市间共享的参数，值来自该城市的私有参数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="674"/>
        <source>Pre-training is self-supervised: whole sub-trajectories are masked and recovered (units and visit times).</source>
        <translation>预训练为自监督：将整段子轨迹掩码后再恢复（单元和访问时间）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="675"/>
        <source>Meta-training: for each source city the meta model is cloned, trained on the city&apos;s training split and updated from its test split.</source>
        <translation>元训练：对每个源城市，克隆元模型，在该城市的训练划分上训练，再根据其测试划分进行更新。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="676"/>
        <source>Road-segment units use a hidden-Markov matcher (its search radius and GPS noise are advanced settings); the road class, lanes and maximum speed fields become attributes of the units.</source>
        <translation>路段单元使用隐马尔可夫匹配器（其搜索半径和 GPS 噪声为高级设置）；道路等级、车道数和最高速度字段成为单元的属性。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="677"/>
        <source>Every engine setting is an advanced parameter; those left empty take the preset&apos;s value.</source>
        <translation>所有引擎设置均为高级参数；留空的参数采用预设值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="678"/>
        <source>Target pre-training epochs given without a minimum number of batches are taken as they are.</source>
        <translation>若指定了目标城市预训练轮数而未指定最少批次数，则按指定的轮数执行。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="679"/>
        <source>The target city&apos;s trajectories: a point layer with one feature per GPS fix, or a line layer with one trajectory per feature.</source>
        <translation>目标城市的轨迹：点图层（每个 GPS 定位一个要素）或线图层（每个要素一条轨迹）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="680"/>
        <source>Source cities (trajectory layers)</source>
        <translation>源城市（轨迹图层）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="681"/>
        <source>One trajectory layer per city (e.g. a data-rich city): before the target is trained, a meta model learns the shared parameters from them and the target starts from them; without sources it is single-city pre-training.</source>
        <translation>每个城市一个轨迹图层（例如数据丰富的城市）：在训练目标城市之前，元模型从这些图层学习共享参数，目标城市以这些参数为起点；没有源城市时即为单城市预训练。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="682"/>
        <source>Sources: trajectory ID field</source>
        <translation>源城市：轨迹 ID 字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="683"/>
        <source>The trajectory ID field of the source layers (empty = the target&apos;s field name).</source>
        <translation>源图层的轨迹 ID 字段（留空 = 与目标城市的字段名相同）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="684"/>
        <source>Sources: time field</source>
        <translation>源城市：时间字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="685"/>
        <source>The time field of the source layers (empty = the target&apos;s field name).</source>
        <translation>源图层的时间字段（留空 = 与目标城市的字段名相同）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="687"/>
        <source>Road segments of the road network (the trajectories are map-matched), or H3 or square grid cells.</source>
        <translation>道路网络的路段（轨迹会进行地图匹配），或 H3 单元格、正方形网格单元格。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="691"/>
        <source>The road layer of road-segment units (needed for them only); lines connect where their end points meet (within 0.5 m), or through the advanced start/end node ID fields.</source>
        <translation>路段单元所用的道路图层（仅路段单元需要）；线在端点相接（0.5 m 以内）处相连，或通过高级参数中的起点/终点节点 ID 字段相连。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="693"/>
        <source>Size of the H3 cells of H3-cell units, and of the units of source cities without a road layer.</source>
        <translation>H3 单元格单元的 H3 单元格大小，也用于没有道路图层的源城市的单元。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="695"/>
        <source>Side of a square grid cell of grid-cell units.</source>
        <translation>网格单元格单元的正方形网格单元格边长。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="696"/>
        <source>Source road networks (lines, in the order of the sources)</source>
        <translation>源城市道路网络（线，按源城市的顺序）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="697"/>
        <source>Source cities use their own road layer from this list (same order as the sources) or, without one, H3 cells at the H3 resolution.</source>
        <translation>源城市使用此列表中各自的道路图层（与源城市顺序相同）；没有道路图层时，使用 H3 分辨率下的 H3 单元格。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="698"/>
        <source>fast-CPU: 2 layers of width 64 (minutes on a laptop); paper: 6 layers, d_model 128, 8 heads, batch 64, learning rate 2e-4, meta learning rate 5e-4, 5 meta epochs.</source>
        <translation>快速 CPU：2 层，宽度 64（在笔记本电脑上需数分钟）；论文设置：6 层，d_model 128，8 个注意力头，批大小 64，学习率 2e-4，元学习率 5e-4，5 个元训练轮次。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="699"/>
        <source>Learned embedding of every unit (private)</source>
        <translation>每个单元的可学习嵌入（私有）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="700"/>
        <source>Each unit also gets a learned embedding of its own, a private parameter of the city.</source>
        <translation>每个单元还获得一个自己的可学习嵌入，作为该城市的私有参数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="701"/>
        <source>Meta update</source>
        <translation>元更新</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="702"/>
        <source>How the meta model learns from a source city after training on its training split.</source>
        <translation>元模型在源城市的训练划分上训练之后，如何从该城市进行学习。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="703"/>
        <source>continue from the source&apos;s shared parameters, then the test-gradient step</source>
        <translation>从源城市训练后的共享参数继续，然后执行测试梯度步</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="704"/>
        <source>test-gradient step only (Eq. 2 literally)</source>
        <translation>仅执行测试梯度步（严格按公式 2）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="705"/>
        <source>Model width d_model</source>
        <translation>模型宽度 d_model</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="706"/>
        <source>The width of the unit embeddings and of the transformer.</source>
        <translation>单元嵌入和 Transformer 的宽度。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="707"/>
        <source>Attention heads of the transformer; d_model must be a multiple of it.</source>
        <translation>Transformer 的注意力头数；d_model 必须是其倍数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="708"/>
        <source>Transformer layers</source>
        <translation>Transformer 层数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="709"/>
        <source>Number of stacked transformer layers.</source>
        <translation>堆叠的 Transformer 层数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="710"/>
        <source>GAT layers of the road encoder</source>
        <translation>道路编码器的 GAT 层数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="711"/>
        <source>Graph attention layers of the unit encoder over the unit network.</source>
        <translation>单元编码器在单元网络上的图注意力层数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="713"/>
        <source>Sine and cosine features of the unit positions at this many scales (at most 16).</source>
        <translation>在这么多个尺度上计算单元位置的正弦和余弦特征（最多 16）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="715"/>
        <source>The time intervals between units are embedded in this many buckets.</source>
        <translation>单元之间的时间间隔被划分到这么多个桶中进行嵌入。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="717"/>
        <source>The dropout rate of the transformer (below 1).</source>
        <translation>Transformer 的 dropout 比率（小于 1）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="718"/>
        <source>Maximum units per trajectory</source>
        <translation>每条轨迹的最大单元数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="719"/>
        <source>Longer trajectories: a random window in training, the last units otherwise.</source>
        <translation>对于更长的轨迹：训练时取一个随机窗口，其他情况取最后的若干单元。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="720"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="721"/>
        <source>The learning rate of pre-training.</source>
        <translation>预训练的学习率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="722"/>
        <source>Meta learning rate</source>
        <translation>元学习率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="723"/>
        <source>The learning rate of the meta update of the shared parameters.</source>
        <translation>共享参数元更新的学习率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="724"/>
        <source>Meta epochs</source>
        <translation>元训练轮数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="725"/>
        <source>Passes over the source cities (0: no meta-training).</source>
        <translation>遍历所有源城市的次数（0：不进行元训练）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="726"/>
        <source>Epochs per source city and meta epoch</source>
        <translation>每个源城市每个元训练轮次的训练轮数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="727"/>
        <source>Epochs of training on each source city&apos;s training split before its meta step.</source>
        <translation>在每个源城市的训练划分上、执行其元步骤之前的训练轮数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="728"/>
        <source>Target pre-training epochs</source>
        <translation>目标城市预训练轮数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="729"/>
        <source>Epochs of pre-training on the target city (0: none).</source>
        <translation>在目标城市上预训练的轮数（0：不预训练）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="730"/>
        <source>Target pre-training: at least this many batches</source>
        <translation>目标城市预训练：最少批次数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="731"/>
        <source>More epochs for a small target so that it gets at least this many batches; 0 when the target epochs are set.</source>
        <translation>目标城市数据较少时增加轮数，使其至少获得这么多个批次；设置了目标城市预训练轮数时为 0。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="733"/>
        <source>The share of the units of a trajectory masked, in spans, and recovered in pre-training.</source>
        <translation>预训练中按片段掩码并恢复的轨迹单元比例。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="735"/>
        <source>The mean length of a masked span.</source>
        <translation>掩码片段的平均长度。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="737"/>
        <source>The share of the units not masked whose visit time is masked and recovered.</source>
        <translation>在未被掩码的单元中，访问时间被掩码并恢复的比例。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="739"/>
        <source>The pre-training loss is gamma × unit recovery + (1 − gamma) × time recovery.</source>
        <translation>预训练损失 = gamma × 单元恢复损失 + (1 − gamma) × 时间恢复损失。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="741"/>
        <source>The share of each source city&apos;s trajectories the meta step is computed on.</source>
        <translation>每个源城市用于计算元步骤的轨迹比例。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="743"/>
        <source>A random sample of this many target trajectories is used when there are more.</source>
        <translation>目标城市轨迹多于该值时，随机抽取这么多条使用。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="745"/>
        <source>A random sample of this many trajectories of each source city is used when there are more.</source>
        <translation>每个源城市的轨迹多于该值时，随机抽取这么多条使用。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="747"/>
        <source>Trajectories on fewer units are left out.</source>
        <translation>单元数少于该值的轨迹被排除。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="748"/>
        <source>The target&apos;s model, its units and the settings, to apply with &apos;MetaTRL: embed trajectories&apos; or &apos;MetaTRL: downstream task&apos;.</source>
        <translation>目标城市的模型、其单元及设置，可通过“MetaTRL：嵌入轨迹”或“MetaTRL：下游任务”使用。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="749"/>
        <source>DeepTraj MetaTRL model (*.metatrl)</source>
        <translation>DeepTraj MetaTRL 模型 (*.metatrl)</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="750"/>
        <source>An HTML report with the loss curves per city and phase.</source>
        <translation>HTML 报告，包含各城市和各阶段的损失曲线。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="751"/>
        <source>Target trajectories used</source>
        <translation>使用的目标城市轨迹数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="752"/>
        <source>Units of the target</source>
        <translation>目标城市的单元数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="753"/>
        <source>Share of target points matched to roads</source>
        <translation>匹配到道路的目标城市点比例</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="754"/>
        <source>MetaTRL: embed trajectories</source>
        <translation>MetaTRL：嵌入轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="755"/>
        <source>Embeds trajectories with a model trained by &apos;MetaTRL: train cross-city trajectory embeddings&apos;.</source>
        <translation>使用由“MetaTRL：训练跨城市轨迹嵌入”训练的模型对轨迹进行嵌入。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="756"/>
        <source>The trajectories are put on the model&apos;s units: cells are looked up in the model&apos;s cell set (cells the model never saw are skipped); road-segment models need the road network they were trained on (a different network is refused) and map-match the points again.</source>
        <translation>轨迹被映射到模型的单元上：单元格在模型的单元格集合中查找（模型从未见过的单元格被跳过）；路段模型需要训练时所用的道路网络（不接受其他路网），并会重新对点进行地图匹配。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="757"/>
        <source>A trajectory that crosses none of the units gets empty values.</source>
        <translation>未经过任何单元的轨迹得到空值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="758"/>
        <source>The output opens in the Embedding explorer dock.</source>
        <translation>输出会在“嵌入浏览器”停靠面板中打开。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="759"/>
        <source>A .metatrl file written by &apos;MetaTRL: train cross-city trajectory embeddings&apos;.</source>
        <translation>由“MetaTRL：训练跨城市轨迹嵌入”写出的 .metatrl 文件。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="760"/>
        <source>Road-segment models need the road layer they were trained on (a different network is refused); the points are map-matched again.</source>
        <translation>路段模型需要训练时所用的道路图层（不接受其他路网）；点会重新进行地图匹配。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="761"/>
        <source>The embedding as one numeric field per value (e000, e001, ...) or as one JSON text field.</source>
        <translation>嵌入的输出方式：每个值一个数值字段（e000、e001、...）或一个 JSON 文本字段。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="762"/>
        <source>Geometry</source>
        <translation>几何</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="763"/>
        <source>The trajectory as a line, or none (a table).</source>
        <translation>将轨迹输出为线，或不输出几何（表格）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="764"/>
        <source>trajectory lines</source>
        <translation>轨迹线</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="765"/>
        <source>none (table)</source>
        <translation>无（表格）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="766"/>
        <source>Embedded trajectories</source>
        <translation>已嵌入的轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="767"/>
        <source>One feature per trajectory with traj_id, n_points, n_units, start and end time, PCA_1 and PCA_2 (PCA after standardising every dimension) and the embedding.</source>
        <translation>每条轨迹一个要素，带 traj_id、n_points、n_units、起止时间、PCA_1 和 PCA_2（将每个维度标准化后的 PCA）以及嵌入。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="768"/>
        <source>The embedding matrix as .npy, or as .csv with the trajectory ID first.</source>
        <translation>嵌入矩阵，保存为 .npy，或保存为首列为轨迹 ID 的 .csv。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="769"/>
        <source>MetaTRL: downstream task (destination, travel time, classification)</source>
        <translation>MetaTRL：下游任务（目的地、行程时间、分类）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="770"/>
        <source>Uses a MetaTRL encoder (from &apos;MetaTRL: train cross-city trajectory embeddings&apos;) for a task: a linear head is trained on the training share of the input trajectories (10% of it held out for early stopping), the encoder fine-tuned with it (or frozen), and every trajectory is predicted.</source>
        <translation>将 MetaTRL 编码器（来自“MetaTRL：训练跨城市轨迹嵌入”）用于某个任务：在输入轨迹的训练部分上训练一个线性任务头（其中 10% 留出用于早停），编码器随之微调（或保持冻结），然后对每条轨迹进行预测。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="771"/>
        <source>The metrics are computed on the other trajectories (the test share).</source>
        <translation>指标在其余轨迹（测试部分）上计算。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="772"/>
        <source>Destination: the unit of the last point (micro-F1, macro-F1, Recall@5).</source>
        <translation>目的地：最后一个点所在的单元（micro-F1、macro-F1、Recall@5）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="773"/>
        <source>Travel time: minutes from the first to the last unit, seeing the units and only the departure time (MAE, MAPE, RMSE).</source>
        <translation>行程时间：从第一个单元到最后一个单元的分钟数，模型可见各单元但只知道出发时间（MAE、MAPE、RMSE）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="774"/>
        <source>Classification: the class in the label field (accuracy, macro-F1, Recall@5 with 5 or more classes, AUC for two classes).</source>
        <translation>分类：标签字段中的类别（accuracy、macro-F1，类别数不少于 5 时给出 Recall@5，二分类时给出 AUC）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="775"/>
        <source>Output of destination prediction: the predicted last unit, its centre and the top five, and with k units to predict how many of them are right; of travel time: the absolute error.</source>
        <translation>目的地预测的输出：预测的最后一个单元、其中心和前五个候选，以及需预测 k 个单元时其中预测正确的数量；行程时间估计的输出：绝对误差。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="776"/>
        <source>The metrics are in the results and the optional report.</source>
        <translation>指标见结果和可选的报告。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="777"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="778"/>
        <source>Destination prediction, travel-time estimation or trajectory classification (see below).</source>
        <translation>目的地预测、行程时间估计或轨迹分类（见下文）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="779"/>
        <source>destination prediction</source>
        <translation>目的地预测</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="780"/>
        <source>travel-time estimation</source>
        <translation>行程时间估计</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="781"/>
        <source>trajectory classification</source>
        <translation>轨迹分类</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="782"/>
        <source>Label field (classification)</source>
        <translation>标签字段（分类）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="783"/>
        <source>The class of each trajectory (e.g. a GeoLife transport mode); with points, the most frequent value of each trajectory.</source>
        <translation>每条轨迹的类别（例如 GeoLife 的交通方式）；输入为点时，取每条轨迹中出现最多的值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="784"/>
        <source>Training share of the trajectories</source>
        <translation>用于训练的轨迹比例</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="785"/>
        <source>The share of the trajectories the head is trained on; the others are the test share.</source>
        <translation>用于训练任务头的轨迹比例；其余为测试部分。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="786"/>
        <source>Fine-tune the encoder (otherwise only the head is trained)</source>
        <translation>微调编码器（否则只训练任务头）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="787"/>
        <source>The encoder is trained with the head, or kept frozen.</source>
        <translation>编码器与任务头一起训练，否则保持冻结。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="788"/>
        <source>Destination: share of units removed from the end</source>
        <translation>目的地：从末尾移除的单元比例</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="789"/>
        <source>The destination is predicted from the trajectory with its last tail share of units removed.</source>
        <translation>从移除了末尾该比例单元的轨迹预测目的地。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="790"/>
        <source>Destination: units to predict (0 = the last unit after removing the tail share; k = each of the last k units)</source>
        <translation>目的地：要预测的单元数（0 = 去掉尾部比例后的最后一个单元；k = 最后 k 个单元中的每一个）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="791"/>
        <source>With k above 0 each of the last k units is predicted from the trajectory without them (the protocol of the MetaTRL authors&apos; code, which uses k = 4; the metrics pool the k positions).</source>
        <translation>k 大于 0 时，从去掉最后 k 个单元的轨迹预测这 k 个单元中的每一个（即 MetaTRL 作者代码的评估协议，其使用 k = 4；指标汇总 k 个位置的结果）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="792"/>
        <source>Epochs of training of the head; empty: 20 when fine-tuning, 100 frozen.</source>
        <translation>任务头的训练轮数；留空：微调时为 20，冻结时为 100。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="793"/>
        <source>Learning rate of the head</source>
        <translation>任务头的学习率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="794"/>
        <source>The Adam learning rate of the task head.</source>
        <translation>任务头中 Adam 优化器的学习率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="795"/>
        <source>Learning rate of the encoder when fine-tuned</source>
        <translation>微调时编码器的学习率</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="796"/>
        <source>The learning rate of the encoder&apos;s parameters when it is fine-tuned.</source>
        <translation>微调时编码器参数的学习率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="797"/>
        <source>Predictions</source>
        <translation>预测结果</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="798"/>
        <source>One line per trajectory with its split (train / validation / test), the target and the prediction, styled by correctness or error.</source>
        <translation>每条轨迹一条线，带其划分（训练 / 验证 / 测试）、目标值和预测值，按预测是否正确或误差大小设置样式。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="799"/>
        <source>An HTML report with the metrics and the loss curves of the head.</source>
        <translation>HTML 报告，包含各项指标和任务头的损失曲线。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="800"/>
        <source>Test trajectories</source>
        <translation>测试轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="846"/>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="868"/>
        <source>PyTorch build:</source>
        <translation>PyTorch 版本：</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="880"/>
        <source>NVIDIA GPU found: {0}</source>
        <translation>找到 NVIDIA GPU：{0}</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="869"/>
        <source>no NVIDIA GPU found</source>
        <translation>未找到 NVIDIA GPU</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="870"/>
        <source>CUDA, several GB</source>
        <translation>CUDA，数 GB</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="871"/>
        <source>CPU only, about 200 MB</source>
        <translation>仅 CPU，约 200 MB</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="881"/>
        <source>Automatic: {0} ({1})</source>
        <translation>自动：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="872"/>
        <source>CPU only (about 200 MB download; DeepTraj does not need a GPU)</source>
        <translation>仅 CPU（下载约 200 MB；DeepTraj 不需要 GPU）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="873"/>
        <source>CUDA for an NVIDIA GPU (several GB download on Linux: PyTorch and NVIDIA libraries)</source>
        <translation>用于 NVIDIA GPU 的 CUDA（在 Linux 上需下载数 GB：PyTorch 和 NVIDIA 库）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="897"/>
        <source>Free software under the GNU General Public License, version 2 or later (see LICENSE).</source>
        <translation>自由软件，依据 GNU 通用公共许可证第 2 版或（您可选的）任何更新版本发布（见 LICENSE）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="943"/>
        <source>Writing the clusters</source>
        <translation>正在写入聚类</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="987"/>
        <source>Writing the embeddings</source>
        <translation>正在写入嵌入</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="551"/>
        <source>Results: N_TRAJECTORIES (labelled), N_SKIPPED (unknown OD), N_ANOMALOUS_TRAJECTORIES, N_ANOMALOUS_POINTS, N_SEGMENTS and, for the replay, LATENCY_MS_MEDIAN / LATENCY_MS_P99 (milliseconds per point).</source>
        <translation>结果：N_TRAJECTORIES（已标注）、N_SKIPPED（OD 未知）、N_ANOMALOUS_TRAJECTORIES、N_ANOMALOUS_POINTS、N_SEGMENTS，以及回放时的 LATENCY_MS_MEDIAN / LATENCY_MS_P99（每个点的毫秒数）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="999"/>
        <source>{0}: QGIS had already overwritten the existing file; the partial layer was removed.</source>
        <translation>{0}：QGIS 已覆盖了原有文件；写了一半的图层已被删除。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="1000"/>
        <source>{0} may hold an incomplete layer.</source>
        <translation>{0} 中可能含有不完整的图层。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="998"/>
        <source>Cancelled by the user while writing the outputs. {0} Nothing else was written.</source>
        <translation>用户在写入输出时取消了运行。{0} 未写入其他任何内容。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="20"/>
        <source>An optional TIME_OFFSETS column (a JSON list of seconds since TIMESTAMP per fix, as long as POLYLINE; the layout of the Cabspotting trip files) gives the time of each fix instead of the 15 s steps; a list of another length stops the import naming the row and TRIP_ID.</source>
        <translation>可选的 TIME_OFFSETS 列（由每个定位点相对 TIMESTAMP 的秒数组成的 JSON 列表，长度与 POLYLINE 相同；即 Cabspotting 行程文件的格式）给出每个定位点的时间，取代固定的 15 s 步长；列表长度不一致时导入会停止，并指出该行及其 TRIP_ID。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="28"/>
        <source>The CSV (.csv, or compressed .csv.gz / .csv.xz), or for GeoLife a folder or any .plt file inside the tree.</source>
        <translation>CSV 文件（.csv，或压缩的 .csv.gz / .csv.xz），对于 GeoLife 则为文件夹或文件夹树中的任意 .plt 文件。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="29"/>
        <source>Trajectory files (*.csv *.gz *.xz *.txt *.tsv *.plt);;All files (*)</source>
        <translation>轨迹文件 (*.csv *.gz *.xz *.txt *.tsv *.plt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="32"/>
        <source>Generic points CSV (.csv, .csv.gz, .csv.xz)</source>
        <translation>通用点 CSV（.csv、.csv.gz、.csv.xz）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="119"/>
        <source>Split trajectories into trips</source>
        <translation>将轨迹拆分为行程</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="120"/>
        <source>Splits the GPS fixes of each vehicle (taxi, bus, person) into trips: where the time between two fixes exceeds the maximum gap, at stay points (the vehicle stays within the stop radius for at least the minimum stop duration) and, optionally, where a value such as an occupancy flag changes.</source>
        <translation>将每辆车（出租车、公交车、行人）的 GPS 定位点拆分为行程：拆分位置为两个定位点之间的时间超过最大间隔处、停留点处（车辆在停留半径内停留至少最短停留时长），以及可选地某个值（如载客标志）发生变化处。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="121"/>
        <source>Repeated (vehicle, time) fixes, fixes at (0, 0) and speed outliers are dropped and counted; vehicles with a single fix and trips that are too short are counted and left out.</source>
        <translation>（车辆，时间）重复的定位点、位于 (0, 0) 的定位点和速度离群点会被删除并计数；只有一个定位点的车辆和过短的行程会被计数并排除。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="122"/>
        <source>Writes the fixes of every trip with its trip_id, one LineStringM per trip and the stops.</source>
        <translation>输出每个行程的定位点（带 trip_id）、每个行程一条 LineStringM，以及停留点。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="123"/>
        <source>Order of the rules: fixes are sorted by vehicle and time; repeated times (the first fix is kept), (0, 0) fixes of longitude/latitude layers and speed outliers are dropped; then stays, gaps and value changes cut the rest into trips.</source>
        <translation>规则的执行顺序：定位点按车辆和时间排序；删除重复时间（保留第一个定位点）、经纬度图层中位于 (0, 0) 的定位点以及速度离群点；随后由停留、间隔和值变化将其余定位点切分为行程。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="124"/>
        <source>Speed outliers: the fixes of a vehicle between gaps are cut into chains wherever a step is faster than the maximum speed; the longest chain is trusted, and walking away from it a fix is dropped when it is farther from the last kept fix than the maximum speed allows, so a jump to a wrong place and back drops only the wrong fix.</source>
        <translation>速度离群点：一辆车在两个间隔之间的定位点，在每一步速度超过最大速度处被切分为若干链；最长的链被视为可信，从它出发向两侧逐点检查，若某定位点与上一个保留的定位点之间的距离超过最大速度所允许的范围，则删除该定位点，因此跳到错误位置后又跳回时，只会删除那个错误的定位点。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="125"/>
        <source>Stops follow the stay-point rule of Li et al. (2008): from the first fix of a stay, the following fixes within the stop radius, lasting at least the minimum stop duration; the trip before ends at the stop&apos;s arrival fix and the next starts at its departure fix, the fixes in between are the stop&apos;s.</source>
        <translation>停留点遵循 Li et al.（2008）的停留点规则：从一次停留的第一个定位点起，其后位于停留半径内、且持续至少最短停留时长的定位点；前一个行程结束于停留点的到达定位点，下一个行程开始于其离开定位点，两者之间的定位点属于该停留点。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="126"/>
        <source>Trip ids are &lt;vehicle&gt;_&lt;k&gt; (k = 1, 2, ... in time order), stop ids &lt;vehicle&gt;_s&lt;k&gt;.</source>
        <translation>行程 ID 为 &lt;vehicle&gt;_&lt;k&gt;（k = 1, 2, ...，按时间顺序），停留点 ID 为 &lt;vehicle&gt;_s&lt;k&gt;。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="127"/>
        <source>Distances are great-circle metres for longitude/latitude layers and plain metres for projected ones (a CRS in other units is taken to longitude/latitude for the measures).</source>
        <translation>距离对经纬度图层为大圆距离（米），对投影图层为平面距离（米）（其他单位的坐标参考系在量测时会转换为经纬度）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="128"/>
        <source>Size: about 0.13 KB of memory per fix; the full T-Drive week (16.65 million fixes of 10,327 taxis) took about 2 minutes and 2.2 GB from a GeoPackage to GeoPackage outputs (the splitting itself about 35-60 s).</source>
        <translation>规模：每个定位点约占 0.13 KB 内存；完整的 T-Drive 一周数据（10,327 辆出租车的 1665 万个定位点）从 GeoPackage 输入到 GeoPackage 输出约需 2 分钟和 2.2 GB 内存（拆分本身约 35-60 s）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="129"/>
        <source>Write large outputs to a GeoPackage, which is written in bulk; a temporary layer is written feature by feature, much slower.</source>
        <translation>大型输出请写入 GeoPackage，它采用批量写入；临时图层则逐个要素写入，速度慢得多。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="131"/>
        <source>A point layer with one feature per GPS fix of many vehicles, in any order.</source>
        <translation>点图层（多辆车的每个 GPS 定位一个要素，顺序不限）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="132"/>
        <source>Vehicle ID field</source>
        <translation>车辆 ID 字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="133"/>
        <source>The vehicle (or person) each fix belongs to; trips never mix vehicles.</source>
        <translation>每个定位点所属的车辆（或人员）；一个行程从不混合不同车辆。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="134"/>
        <source>Time field</source>
        <translation>时间字段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="135"/>
        <source>The time of each fix: a date-time, ISO 8601 text or epoch seconds/milliseconds; fixes without a time are dropped and counted.</source>
        <translation>每个定位点的时间：日期时间、ISO 8601 文本或 Unix 纪元秒/毫秒；没有时间的定位点会被删除并计数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="136"/>
        <source>Split where this field changes</source>
        <translation>在此字段值变化处拆分</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="137"/>
        <source>A trip also ends where the value of this field changes between two fixes of a vehicle, e.g. an occupancy flag (empty: no value rule).</source>
        <translation>同一车辆两个定位点之间此字段的值发生变化（如载客标志）时，行程也会结束（留空：不使用值规则）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="138"/>
        <source>Maximum gap between fixes (seconds)</source>
        <translation>定位点之间的最大间隔（秒）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="139"/>
        <source>A longer time without a fix ends the trip (0: never); 1800 s is seven intervals of T-Drive&apos;s ~4-minute sampling and thirty of Cabspotting&apos;s 60 s.</source>
        <translation>超过此时长没有定位点时行程结束（0：从不）；1800 s 相当于 T-Drive 约 ~4 分钟采样的七个间隔，或 Cabspotting 60 s 采样的三十个间隔。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="140"/>
        <source>Stop radius (metres)</source>
        <translation>停留半径（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="141"/>
        <source>A stop is a run of fixes staying within this distance of its first fix (about twice the GPS noise of a city street).</source>
        <translation>停留点是一段连续的定位点，它们与其中第一个定位点的距离均不超过此值（约为城市街道上 GPS 噪声的两倍）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="142"/>
        <source>Minimum stop duration (seconds)</source>
        <translation>最短停留时长（秒）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="143"/>
        <source>A stay of at least this long is a stop that ends the trip (0: no stops); 300 s is longer than a traffic light and than one sampling interval of T-Drive.</source>
        <translation>持续至少此时长的停留即为停留点，并结束当前行程（0：不检测停留点）；300 s 长于一次红绿灯等待，也长于 T-Drive 的一个采样间隔。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="144"/>
        <source>Maximum speed (km/h)</source>
        <translation>最大速度（km/h）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="145"/>
        <source>A fix that could only be reached from the vehicle&apos;s other fixes faster than this is a GPS outlier and is dropped (0: no speed check).</source>
        <translation>若某定位点只能以高于此值的速度从该车辆的其他定位点到达，则视为 GPS 离群点并删除（0：不检查速度）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="146"/>
        <source>Minimum fixes per trip</source>
        <translation>每个行程的最少定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="147"/>
        <source>Trips with fewer fixes are dropped and counted.</source>
        <translation>定位点数少于此值的行程会被删除并计数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="148"/>
        <source>Minimum trip duration (seconds)</source>
        <translation>最短行程时长（秒）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="149"/>
        <source>Shorter trips are dropped and counted.</source>
        <translation>时长更短的行程会被删除并计数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="150"/>
        <source>Minimum trip length (metres)</source>
        <translation>最短行程长度（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="151"/>
        <source>Trips shorter along their fixes are dropped and counted.</source>
        <translation>沿其定位点累计的长度更短的行程会被删除并计数。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="152"/>
        <source>Trip points</source>
        <translation>行程点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="153"/>
        <source>The fixes of the kept trips in time order: trip_id, vehicle_id, time, the value field and src_fid (the input feature id).</source>
        <translation>保留行程的定位点，按时间顺序：trip_id、vehicle_id、time、值字段和 src_fid（输入要素 ID）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="154"/>
        <source>One LineStringM per trip (M = epoch seconds): trip_id, vehicle_id, n_points, start_time, end_time, duration_s, length_m.</source>
        <translation>每个行程一条 LineStringM（M = Unix 纪元秒）：trip_id、vehicle_id、n_points、start_time、end_time、duration_s、length_m。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="155"/>
        <source>Stops</source>
        <translation>停留点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="156"/>
        <source>One point per stop at the centroid of its fixes: stop_id, vehicle_id, start_time, end_time, duration_s, n_points.</source>
        <translation>每个停留点一个点，位于其定位点的质心：stop_id、vehicle_id、start_time、end_time、duration_s、n_points。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="157"/>
        <source>Fixes read</source>
        <translation>读取的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="158"/>
        <source>Vehicles</source>
        <translation>车辆数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="159"/>
        <source>Trips written</source>
        <translation>写入的行程数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="160"/>
        <source>Fixes in the trips</source>
        <translation>行程中的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="161"/>
        <source>Fixes dropped without a valid coordinate or time</source>
        <translation>因无有效坐标或时间而删除的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="162"/>
        <source>Fixes dropped for a repeated (vehicle, time)</source>
        <translation>因（车辆，时间）重复而删除的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="163"/>
        <source>Fixes dropped at (0, 0)</source>
        <translation>因位于 (0, 0) 而删除的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="164"/>
        <source>Fixes dropped as speed outliers</source>
        <translation>作为速度离群点删除的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="165"/>
        <source>Vehicles with fewer than two usable fixes</source>
        <translation>可用定位点少于两个的车辆数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="166"/>
        <source>Gaps longer than the maximum gap</source>
        <translation>超过最大间隔的时间间隔数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="167"/>
        <source>Trips ended by a stop</source>
        <translation>因停留点而结束的行程数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="168"/>
        <source>Trips ended by a value change</source>
        <translation>因值变化而结束的行程数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="169"/>
        <source>Trips dropped as too short</source>
        <translation>因过短而删除的行程数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="170"/>
        <source>Fixes of the dropped short trips</source>
        <translation>被删除的过短行程中的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="171"/>
        <source>Features skipped with a null or empty geometry</source>
        <translation>因几何为 NULL 或空而跳过的要素数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="172"/>
        <source>Fixes skipped without a vehicle id</source>
        <translation>因无车辆 ID 而跳过的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="173"/>
        <source>Fixes skipped outside the longitude/latitude range</source>
        <translation>因超出经纬度范围而跳过的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="174"/>
        <source>Fixes skipped far outside the data&apos;s bulk (such as 0, 0)</source>
        <translation>因远离数据主体范围（如 0, 0）而跳过的定位点数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="608"/>
        <source>Training batches at most (0 = no limit)</source>
        <translation>训练批次上限（0 = 不限）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="609"/>
        <source>Training stops after this many batches over all epochs, keeping the best epoch so far: the fast-CPU preset stops at 4,000 (about half an hour on 2 CPU cores; a sample of a few thousand sequences never reaches it, a city&apos;s fleet of tens of thousands of user-days would otherwise take hours).</source>
        <translation>所有轮次合计达到此批次数后停止训练，并保留迄今最好的轮次：fast-CPU 预设在 4,000 批时停止（在 2 个 CPU 核上约半小时；几千条序列的样本不会达到该上限，而一个城市车队的数万个用户日否则需要数小时）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="939"/>
        <source>FILL_GAPS inserted {0:,} cells ({1:.0f} per GPS point; the median gap spans {2:.0f} cells): the cells are much smaller than the steps between fixes. RESOLUTION {3} or coarser fits this sampling.</source>
        <translation>FILL_GAPS 插入了 {0:,} 个单元（每个 GPS 点 {1:.0f} 个；间隙中位数跨越 {2:.0f} 个单元）：单元远小于定位点之间的步长。该采样适合 RESOLUTION {3} 或更粗的分辨率。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="878"/>
        <source>Packages are installed with pip into a DeepTraj-only folder that QGIS&apos;s own packages take precedence over; numpy stays at the version QGIS uses.&lt;br&gt;Folder: &lt;tt&gt;{0}&lt;/tt&gt;&lt;br&gt;Python: &lt;tt&gt;{1}&lt;/tt&gt;</source>
        <translation>软件包通过 pip 安装到 DeepTraj 专用文件夹中，QGIS 自带的软件包优先于该文件夹；numpy 保持 QGIS 所用的版本。&lt;br&gt;文件夹：&lt;tt&gt;{0}&lt;/tt&gt;&lt;br&gt;Python：&lt;tt&gt;{1}&lt;/tt&gt;</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="883"/>
        <source>Installation finished: all DeepTraj packages are available. If a package was already loaded in this QGIS session in another version, restart QGIS.</source>
        <translation>安装完成：DeepTraj 的所有软件包均已可用。如果某个软件包已在本次 QGIS 会话中以其他版本加载，请重启 QGIS。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="886"/>
        <source>QGIS&apos;s Python has no pip: install it first (Debian/Ubuntu: sudo apt install python3-pip), then try again.</source>
        <translation>QGIS 的 Python 没有 pip：请先安装它（Debian/Ubuntu：sudo apt install python3-pip），然后重试。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="887"/>
        <source>pip finished, but these packages still cannot be imported: {0}. Restart QGIS and check again (Plugins &gt; DeepTraj &gt; About).</source>
        <translation>pip 已完成，但这些软件包仍无法导入：{0}。请重启 QGIS 后再检查（插件 &gt; DeepTraj &gt; 关于）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="896"/>
        <source>The Processing toolbox is not available: enable the Processing plugin (Plugins &gt; Manage and Install Plugins…).</source>
        <translation>Processing 工具箱不可用：请启用 Processing 插件（插件 &gt; 管理和安装插件…）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="900"/>
        <source>Deep trajectory mining in the Processing toolbox (provider &lt;tt&gt;deeptraj&lt;/tt&gt;, {0} algorithms loaded).</source>
        <translation>Processing 工具箱中的深度轨迹挖掘（提供者 &lt;tt&gt;deeptraj&lt;/tt&gt;，已加载 {0} 个算法）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="916"/>
        <source>This algorithm needs Python packages that are not installed: {0}. Use Plugins &gt; DeepTraj &gt; Install dependencies…, or run: pip install {1}</source>
        <translation>此算法需要尚未安装的 Python 包：{0}。请使用 插件 &gt; DeepTraj &gt; 安装依赖…，或运行：pip install {1}</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="958"/>
        <source>{0}: worse than its baseline ({1}) computed on the same data. The result does no better than this simple rule; more data, more training epochs or other parameters may help.</source>
        <translation>{0}：差于在同一数据上计算的基线（{1}）。该结果并不优于这一简单规则；更多数据、更多训练轮次或其他参数可能会有帮助。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="986"/>
        <source>Only {0:.1%} of the records lie in the locations MODEL_FILE was trained on; their median distance from the training area&apos;s centre is {1:,.0f} km (its spread: {2:,.1f} km). The embeddings of data from another area mean little: train a model on this area (Mobility embeddings: train).</source>
        <translation>MODEL_FILE 训练时所用位置中仅包含 {0:.1%} 的记录；这些记录到训练区域中心的距离中位数为 {1:,.0f} 公里（训练区域的离散程度：{2:,.1f} 公里）。来自其他区域的数据得到的嵌入意义不大：请在该区域上训练模型（移动嵌入：训练）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="963"/>
        <source>{0} of {1} trajectories have NULL embedding and PCA fields (traj_id {2}): {3} of them match no {4} of the model (they lie outside its area or road network), the rest could not be encoded. Filter them with &quot;PCA_1&quot; IS NOT NULL, or embed with a model trained where they are.</source>
        <translation>{1} 条轨迹中有 {0} 条的嵌入和 PCA 字段为 NULL（traj_id {2}）：其中 {3} 条与模型的任何{4}都不匹配（它们位于模型区域或道路网络之外），其余无法编码。请用 &quot;PCA_1&quot; IS NOT NULL 筛除它们，或使用在它们所在区域训练的模型进行嵌入。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="915"/>
        <source>Waiting for another DeepTraj training of this QGIS session to finish: trainings run one at a time so that each gives its seeded result.</source>
        <translation>正在等待本 QGIS 会话中的另一个 DeepTraj 训练完成：训练逐个运行，以便每个训练都得到其随机种子确定的结果。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="925"/>
        <source>{0} {1}: consecutive fixes lie a median of {2:g} H3 cells apart (cells about {3} m wide), so the windows of consecutive cells skip part of the route and detection suffers. Resolution {4} fits this sampling interval.</source>
        <translation>{0} {1}：相邻定位点之间的 H3 单元距离中位数为 {2:g}（单元宽约 {3} 米），因此连续单元组成的窗口会跳过部分路线，检测效果受影响。分辨率 {4} 适合该采样间隔。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="997"/>
        <source>EPOCHS 0: the model is not trained; its embeddings come from random weights (a baseline for comparison, not a model of this data). Give EPOCHS 1 or more, or leave it empty for the preset.</source>
        <translation>EPOCHS 为 0：模型未经训练，其嵌入来自随机权重（仅作对比的基线，而不是该数据的模型）。请设置 EPOCHS 为 1 或更大，或留空以使用预设值。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="494"/>
        <source>Route-switch negatives</source>
        <translation>换线负样本</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="495"/>
        <source>Also train on windows that go on along another OD&apos;s route (with a cell rare for this OD), as a trip that switches route does. Off: the paper&apos;s seven transformations only.</source>
        <translation>同时用沿另一 OD 路线继续行驶的窗口（含本 OD 罕见的网格）进行训练，如同换线行驶的行程。关闭：仅使用论文的七种变换。</translation>
    </message>
</context>
<context>
    <name>DiscretizeGridAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="938"/>
        <source>GRID_CRS {0} is geographic (degrees); choose a projected CRS such as EPSG:3857 or a UTM zone.</source>
        <translation>GRID_CRS {0} 是地理坐标参考系（单位为度）；请选择投影坐标参考系，例如 EPSG:3857 或某个 UTM 分带。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="937"/>
        <source>EXTENT is empty.</source>
        <translation>EXTENT 为空。</translation>
    </message>
</context>
<context>
    <name>E2DTCTrainAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="950"/>
        <source>GRID_CRS must be a projected CRS (metres), such as EPSG:3857.</source>
        <translation>GRID_CRS 必须是投影坐标参考系（米），例如 EPSG:3857。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="948"/>
        <source>Reading and discretizing trajectories</source>
        <translation>正在读取并离散化轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="949"/>
        <source>Training E2DTC (pre-training, k-means, self-training)</source>
        <translation>正在训练 E2DTC（预训练、k-means、自训练）</translation>
    </message>
</context>
<context>
    <name>EcoAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="955"/>
        <source>INPUT: only {0} object found with TRAJ_ID_FIELD; clustering needs at least 2 moving objects (check that the ID field identifies objects, not the whole layer).</source>
        <translation>INPUT：按 TRAJ_ID_FIELD 只找到 {0} 个对象；聚类至少需要 2 个移动对象（请检查 ID 字段标识的是对象，而不是整个图层）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="954"/>
        <source>All records fall into one time step (Δt {0:g} s ≥ the {1} s the data spans): the result is a single snapshot clustering, without smoothing. Lower DELTA_T for a stream.</source>
        <translation>所有记录都落在同一个时间步内（Δt {0:g} 秒 ≥ 数据跨越的 {1} 秒）：结果是单个快照的聚类，没有平滑。请减小 DELTA_T 以得到流。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="952"/>
        <source>Writing the clustered points</source>
        <translation>正在写入已聚类的点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="956"/>
        <source>ε ended at {0:g} m (EPS {1:g} m), at or above the QS radius ({2:g} m), the largest ε whose clusters QS can judge: neighbours further apart count as unlinked, so the mean QS falls and may turn negative. Raise QS_RADIUS above ε, or lower EPS, or turn ADAPT_EPS off.</source>
        <translation>ε 最终为 {0:g} m（EPS {1:g} m），达到或超过 QS 半径（{2:g} m），即 QS 能够评判其聚类的最大 ε：距离更远的邻居被视为不相连，因此平均 QS 下降，甚至可能变为负值。请将 QS_RADIUS 调大到 ε 以上，或减小 EPS，或关闭 ADAPT_EPS。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="957"/>
        <source>ε adapted down to {0:g} m (EPS {1:g} m), the lowest it may take with EPS_STEP {2:g} m: the clusters may be tighter than the data's groups. Lower EPS_STEP or MIN_PTS, or turn ADAPT_EPS off.</source>
        <translation>ε 已下调至 {0:g} m（EPS {1:g} m），这是 EPS_STEP 为 {2:g} m 时可取的最小值：聚类可能比数据中的群组更紧凑。请减小 EPS_STEP 或 MIN_PTS，或关闭 ADAPT_EPS。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="953"/>
        <source>{0} record(s) left out of the stream as GPS outliers far outside the bulk of the data: {1} (N_OUTLIER_RECORDS). Filter them from INPUT if they are real positions.</source>
        <translation>{0} 条记录作为远离数据主体范围的 GPS 离群点未纳入流：{1}（N_OUTLIER_RECORDS）。如果它们是真实位置，请将其从 INPUT 中筛除。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="951"/>
        <source>Clustering the snapshots and writing the clustered points</source>
        <translation>正在对快照进行聚类并写入已聚类的点</translation>
    </message>
</context>
<context>
    <name>EmbeddingExplorer</name>
    <message>
        <location filename="../build/spec_strings.py" line="801"/>
        <source>Embedding explorer</source>
        <translation>嵌入浏览器</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="803"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="814"/>
        <source>Y</source>
        <translation>Y</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="804"/>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="805"/>
        <source>Colour by</source>
        <translation>着色依据</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="806"/>
        <source>Box</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="807"/>
        <source>Drag a rectangle around points to select them (Shift adds to the selection)</source>
        <translation>拖出矩形框选其中的点（按住 Shift 添加到当前选择）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="808"/>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="810"/>
        <source>Heatmap of selection</source>
        <translation>所选要素热力图</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="812"/>
        <source>Heatmap radius</source>
        <translation>热力图半径</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="802"/>
        <source>Zoom map to selection</source>
        <translation>地图缩放至所选要素</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="816"/>
        <source>and {0} more</source>
        <translation>另有 {0} 项</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="815"/>
        <source>{0} of {1} selected</source>
        <translation>已选择 {0} / {1}</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="813"/>
        <source>Heatmap of selected embeddings</source>
        <translation>所选嵌入的热力图</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="906"/>
        <source>Feature {0}: ({1}, {2})</source>
        <translation>要素 {0}：({1}, {2})</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="905"/>
        <source>No points to show</source>
        <translation>没有可显示的点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="809"/>
        <source>Draw a free-hand outline around points to select them (Shift adds to the selection)</source>
        <translation>围绕点手绘轮廓以选择它们（按住 Shift 添加到当前选择）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="811"/>
        <source>Show the vertices of the selected features as a heatmap layer above the source layer</source>
        <translation>将所选要素的顶点显示为源图层上方的热力图图层</translation>
    </message>
</context>
<context>
    <name>FlaggedSegments</name>
    <message>
        <location filename="../build/spec_strings.py" line="847"/>
        <source>Trajectory</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="822"/>
        <source>OD</source>
        <translation>OD</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="834"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="848"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="849"/>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="850"/>
        <source>Points</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="851"/>
        <source>Votes</source>
        <translation>投票</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="852"/>
        <source>Length (m)</source>
        <translation>长度（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="853"/>
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="854"/>
        <source>Origin-destination pair of the trajectory</source>
        <translation>轨迹的起讫点（OD）对</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="855"/>
        <source>Ground-truth anomaly type (when the input came from Synthetic anomalies)</source>
        <translation>真实异常类型（当输入来自“合成异常”时）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="858"/>
        <source>Mean number of anomalous votes of the segment&apos;s cells</source>
        <translation>片段内单元格获得的异常投票的平均数</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="859"/>
        <source>Length on the ellipsoid of the layer CRS, in metres</source>
        <translation>在图层坐标参考系的椭球面上量测的长度（米）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="860"/>
        <source>Checked: confirmed anomaly; unchecked after a review: false positive</source>
        <translation>勾选：确认为异常；审核后取消勾选：误报</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="863"/>
        <source>Not reviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="861"/>
        <source>Confirmed anomaly</source>
        <translation>已确认异常</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="862"/>
        <source>False positive</source>
        <translation>误报</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="817"/>
        <source>Flagged segments</source>
        <translation>标记的片段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="818"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="819"/>
        <source>Read the segments of the layer again</source>
        <translation>重新读取图层中的片段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="820"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="821"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="823"/>
        <source>Show normal segments too</source>
        <translation>同时显示正常片段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="825"/>
        <source>Zoom map to selection</source>
        <translation>地图缩放至所选要素</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="826"/>
        <source>Confirm anomaly</source>
        <translation>确认异常</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="827"/>
        <source>Mark the selected segments as confirmed anomalies (reviewed = 1)</source>
        <translation>将所选片段标记为已确认异常（reviewed = 1）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="828"/>
        <source>Mark false positive</source>
        <translation>标记为误报</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="829"/>
        <source>Mark the selected segments as false positives (reviewed = 0)</source>
        <translation>将所选片段标记为误报（reviewed = 0）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="830"/>
        <source>Clear review</source>
        <translation>清除审核</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="831"/>
        <source>Forget the review of the selected segments (reviewed = NULL)</source>
        <translation>清除所选片段的审核结果（reviewed = NULL）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="832"/>
        <source>Zoom to selection</source>
        <translation>缩放至所选</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="835"/>
        <source>The layer has no writable reviewed field: reviews cannot be saved.</source>
        <translation>该图层没有可写的 reviewed 字段：无法保存审核结果。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="845"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="841"/>
        <source>{0} cannot be edited: the review was not saved.</source>
        <translation>{0} 无法编辑：审核结果未保存。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="865"/>
        <source>Review flagged segments</source>
        <translation>审核标记的片段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="836"/>
        <source>the layer refused the change</source>
        <translation>图层拒绝了该修改</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="842"/>
        <source>Could not save the review: {0}</source>
        <translation>无法保存审核结果：{0}</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="837"/>
        <source>Review kept in the layer&apos;s edit buffer: save the layer edits to keep it.</source>
        <translation>审核结果保存在图层的编辑缓冲区中：请保存图层编辑以保留。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="838"/>
        <source>{0} of {1} segments shown</source>
        <translation>显示 {0} / {1} 个片段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="839"/>
        <source>{0}, {1} not listed</source>
        <translation>{0}，{1} 个未列出</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="856"/>
        <source>Time of the segment&apos;s first point</source>
        <translation>片段第一个点的时间</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="857"/>
        <source>Time of the segment&apos;s last point</source>
        <translation>片段最后一个点的时间</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="864"/>
        <source>{0} (every segment is on {1})</source>
        <translation>{0}（所有片段均在 {1}）</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="824"/>
        <source>Also list the segments labelled normal, and the flagged segments of trajectories whose ground-truth type is normal</source>
        <translation>同时列出标记为正常的片段，以及真值类型为正常的轨迹中被标记的片段</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="833"/>
        <source>Choose a line layer with traj_id and label fields, such as the segments output of deeptraj:crotaddetect.</source>
        <translation>请选择带有 traj_id 和 label 字段的线图层，例如 deeptraj:crotaddetect 输出的片段图层。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="840"/>
        <source>{0} is not a segments layer: it needs to be a line layer with the fields traj_id and label (the segments output of deeptraj:crotaddetect).</source>
        <translation>{0} 不是片段图层：它必须是带有 traj_id 和 label 字段的线图层（deeptraj:crotaddetect 输出的片段）。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="843"/>
        <source>{0} flagged segment(s) of trajectories whose ground-truth type is normal are not listed: check Show normal segments too to list them.</source>
        <translation>真值类型为正常的轨迹中有 {0} 个被标记的片段未列出：勾选“同时显示正常片段”即可列出。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="844"/>
        <source>{0} segment(s) of a single point and no length (the last point of a trajectory) are not listed.</source>
        <translation>{0} 个仅含一个点且长度为零的片段（轨迹的最后一个点）未列出。</translation>
    </message>
</context>
<context>
    <name>GroundTruthClustersAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="959"/>
        <source>CENTERS: at least 2 centre points are needed, found {0}.</source>
        <translation>CENTERS：至少需要 2 个中心点，实际找到 {0} 个。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="960"/>
        <source>Centres {0} hold no trajectory: the ground truth has {1} clusters, not {2}. Cluster with N_CLUSTERS = {1} (N_NONEMPTY_CLUSTERS in the results), or move or drop those centres.</source>
        <translation>中心 {0} 没有任何轨迹：真值只有 {1} 个簇，而不是 {2} 个。请用 N_CLUSTERS = {1}（结果中的 N_NONEMPTY_CLUSTERS）进行聚类，或移动、删除这些中心。</translation>
    </message>
</context>
<context>
    <name>ImportTrajectoriesAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="936"/>
        <source>Reading the file and writing the points</source>
        <translation>正在读取文件并写入点</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="935"/>
        <source>Writing the trajectory lines</source>
        <translation>正在写入轨迹线</translation>
    </message>
</context>
<context>
    <name>MapMatchAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="971"/>
        <source>TIME_FIELD: map matching needs the time of each point; choose the time field of the input.</source>
        <translation>TIME_FIELD：地图匹配需要每个点的时间；请选择输入图层的时间字段。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="972"/>
        <source>RADIUS: no trajectory point lies within {0} m of a road line: the trajectories are off the road network. Check that both layers have the right CRS (trajectories: {1}, roads: {2}) and cover the same area, or use a larger search radius.</source>
        <translation>RADIUS：没有任何轨迹点位于道路线 {0} 米范围内：轨迹不在道路网络上。请检查两个图层的坐标参考系是否正确（轨迹：{1}，道路：{2}）且覆盖同一区域，或使用更大的搜索半径。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="969"/>
        <source>Reading the road network</source>
        <translation>正在读取路网</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="970"/>
        <source>Matching the trajectories to the roads</source>
        <translation>正在将轨迹匹配到道路</translation>
    </message>
</context>
<context>
    <name>MetaTRLEmbedAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="961"/>
        <source>Embedding</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="964"/>
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="962"/>
        <source>Writing the embeddings</source>
        <translation>正在写入嵌入</translation>
    </message>
</context>
<context>
    <name>MetaTRLTaskAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="979"/>
        <source>Training the task head</source>
        <translation>正在训练任务头</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="980"/>
        <source>Writing the predictions</source>
        <translation>正在写入预测结果</translation>
    </message>
</context>
<context>
    <name>MetaTRLTrainAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="981"/>
        <source>Reading the target trajectories</source>
        <translation>正在读取目标城市轨迹</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="982"/>
        <source>Meta-training and pre-training</source>
        <translation>元训练与预训练</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="984"/>
        <source>Reading the source city {0}</source>
        <translation>正在读取源城市 {0}</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="983"/>
        <source>Writing the model file</source>
        <translation>正在写入模型文件</translation>
    </message>
</context>
<context>
    <name>MobilityEmbedAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="985"/>
        <source>Embedding</source>
        <translation>嵌入</translation>
    </message>
</context>
<context>
    <name>MobilityEmbedTrainAlgorithm</name>
    <message>
        <location filename="../build/spec_strings.py" line="992"/>
        <source>Reading trajectories into sequences</source>
        <translation>正在将轨迹读取为序列</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="993"/>
        <source>Training by next-location prediction</source>
        <translation>正在通过下一位置预测进行训练</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="994"/>
        <source>Out-of-sample evaluation on the validation users</source>
        <translation>正在验证用户上进行样本外评估</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="995"/>
        <source>Writing the model file</source>
        <translation>正在写入模型文件</translation>
    </message>
    <message>
        <location filename="../build/spec_strings.py" line="996"/>
        <source>validation users: </source>
        <translation>验证用户：</translation>
    </message>
</context>
</TS>

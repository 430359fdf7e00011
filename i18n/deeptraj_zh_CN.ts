<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssignOdPairsAlgorithm</name>
    <message>
        <location filename="../processing_provider/assign_od_pairs.py" line="32" />
        <source>Assign OD pairs (H3)</source>
        <translation>分配 OD 对（H3）</translation>
    </message>
    <message>
        <location filename="../processing_provider/assign_od_pairs.py" line="35" />
        <source>&lt;p&gt;Gives every trajectory its &lt;b&gt;origin-destination (OD) pair&lt;/b&gt; on the H3 grid, as CroTad (Xue et al., section 5.1.1) selects "frequently used OD pairs (based on H3 cells)": the origin is the H3 cell of the first point, the destination the cell of the last point (computed in WGS 84 whatever the layer CRS). Pairs shared by at least MIN_TRIPS trajectories get an integer &lt;i&gt;od_id&lt;/i&gt;: 0 for the pair with the most trips, then by descending number of trips (ties: ascending origin, then destination cell id). Trajectories of rarer pairs get NULL.&lt;/p&gt;&lt;p&gt;The output is the input layer (points stay points, lines stay lines, every input attribute kept) with four fields appended: &lt;i&gt;od_id&lt;/i&gt;, &lt;i&gt;origin_h3&lt;/i&gt;, &lt;i&gt;dest_h3&lt;/i&gt; (H3 cell strings) and &lt;i&gt;od_trips&lt;/i&gt; (number of trajectories sharing the pair, also below the minimum). Points that are not part of a trajectory after cleaning (duplicate times, trajectories with fewer than 2 points) get NULL. Existing fields with these names are replaced. Use &lt;i&gt;od_id&lt;/i&gt; as OD field of &lt;i&gt;Synthetic anomalies&lt;/i&gt;.&lt;/p&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Input trajectories&lt;/b&gt;: a point layer (one feature per GPS fix) or a line layer (one feature per trajectory).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Trajectory ID field&lt;/b&gt;: groups points into trajectories (required for points; lines: optional, default one trajectory per feature).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Time field&lt;/b&gt; (optional): orders the points of a trajectory; without it the feature order (or the M value) is used.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Sampling interval&lt;/b&gt; (advanced, default 15 s): vertex spacing in time for lines without M.&lt;/li&gt;&lt;li&gt;&lt;b&gt;H3 resolution&lt;/b&gt; (RESOLUTION, default 8, 0-15): size of the origin/destination cells. 8 (about 0.74 km2) groups trips starting in the same neighbourhood; the CroTad paper uses finer cells (resolution 10 for Porto) to map trajectories but does not state the OD resolution.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Minimum trips per OD pair&lt;/b&gt; (MIN_TRIPS, default 20): pairs with fewer trajectories get no id.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Results: N_OD_PAIRS (pairs with an id), N_ASSIGNED and N_UNASSIGNED (trajectories with and without an id).&lt;/p&gt;</source>
        <translation>&lt;p&gt;为每条轨迹在 H3 网格上赋予其&lt;b&gt;起讫点（OD）对&lt;/b&gt;，做法与 CroTad（Xue et al.，第 5.1.1 节）选取“常用 OD 对（基于 H3 单元格）”相同：起点是第一个点所在的 H3 单元格，终点是最后一个点所在的单元格（无论图层坐标参考系为何，均在 WGS 84 下计算）。至少被 MIN_TRIPS 条轨迹共享的 OD 对获得一个整数 &lt;i&gt;od_id&lt;/i&gt;：行程最多的 OD 对为 0，其余按行程数降序编号（数量相同时按起点单元格 ID 升序，再按终点单元格 ID 升序）。较少见的 OD 对的轨迹得到 NULL。&lt;/p&gt;&lt;p&gt;输出为输入图层（点仍为点，线仍为线，保留所有输入属性），并追加四个字段：&lt;i&gt;od_id&lt;/i&gt;、&lt;i&gt;origin_h3&lt;/i&gt;、&lt;i&gt;dest_h3&lt;/i&gt;（H3 单元格字符串）和 &lt;i&gt;od_trips&lt;/i&gt;（共享该 OD 对的轨迹数，低于最小值时也会填写）。清洗后不属于任何轨迹的点（时间重复、点数少于 2 的轨迹）得到 NULL。已存在的同名字段将被替换。可将 &lt;i&gt;od_id&lt;/i&gt; 用作&lt;i&gt;合成异常&lt;/i&gt;的 OD 字段。&lt;/p&gt;&lt;h3&gt;参数&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;输入轨迹&lt;/b&gt;：点图层（每个 GPS 定位一个要素）或线图层（每条轨迹一个要素）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;轨迹 ID 字段&lt;/b&gt;：将点分组为轨迹（点图层必填；线图层可选，默认每个要素为一条轨迹）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;时间字段&lt;/b&gt;（可选）：对轨迹中的点排序；未指定时使用要素顺序（或 M 值）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;采样间隔&lt;/b&gt;（高级，默认 15 s）：无 M 值的线的顶点时间间隔。&lt;/li&gt;&lt;li&gt;&lt;b&gt;H3 分辨率&lt;/b&gt;（RESOLUTION，默认 8，0-15）：起点/终点单元格的大小。8（约 0.74 km2）可将从同一街区出发的行程归为一组；CroTad 论文使用更细的单元格（Porto 使用分辨率 10）来映射轨迹，但未说明 OD 所用的分辨率。&lt;/li&gt;&lt;li&gt;&lt;b&gt;每个 OD 对的最少行程数&lt;/b&gt;（MIN_TRIPS，默认 20）：轨迹数少于该值的 OD 对不分配编号。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;结果：N_OD_PAIRS（获得编号的 OD 对数量）、N_ASSIGNED 和 N_UNASSIGNED（有编号和无编号的轨迹数）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/assign_od_pairs.py" line="66" />
        <source>H3 resolution of origin/destination cells (0-15)</source>
        <translation>起点/终点单元格的 H3 分辨率（0-15）</translation>
    </message>
    <message>
        <location filename="../processing_provider/assign_od_pairs.py" line="69" />
        <source>Minimum trips per OD pair</source>
        <translation>每个 OD 对的最少行程数</translation>
    </message>
    <message>
        <location filename="../processing_provider/assign_od_pairs.py" line="72" />
        <source>Trajectories with OD pairs</source>
        <translation>带 OD 对的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/assign_od_pairs.py" line="73" />
        <source>Number of OD pairs with an id</source>
        <translation>获得编号的 OD 对数量</translation>
    </message>
    <message>
        <location filename="../processing_provider/assign_od_pairs.py" line="74" />
        <source>Trajectories with an OD id</source>
        <translation>有 OD 编号的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/assign_od_pairs.py" line="75" />
        <source>Trajectories without an OD id</source>
        <translation>无 OD 编号的轨迹</translation>
    </message>
</context>
<context>
    <name>ClassicClusteringAlgorithm</name>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="41" />
        <source>Classic trajectory clustering (k-medoids, t2vec + k-means)</source>
        <translation>经典轨迹聚类（k-medoids、t2vec + k-means）</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="64" />
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="64" />
        <source>k-medoids, DTW</source>
        <translation>k-medoids，DTW</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="64" />
        <source>k-medoids, Hausdorff</source>
        <translation>k-medoids，Hausdorff</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="64" />
        <source>k-medoids, discrete Fréchet</source>
        <translation>k-medoids，离散 Fréchet</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="64" />
        <source>k-medoids, EDR</source>
        <translation>k-medoids，EDR</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="64" />
        <source>k-medoids, LCSS</source>
        <translation>k-medoids，LCSS</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="64" />
        <source>t2vec + k-means</source>
        <translation>t2vec + k-means</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="69" />
        <source>Number of clusters</source>
        <translation>聚类数</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="71" />
        <source>ε: matching distance for EDR and LCSS (metres)</source>
        <translation>ε：EDR 和 LCSS 的匹配距离（米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="74" />
        <source>δ: largest index offset for LCSS (empty = any)</source>
        <translation>δ：LCSS 的最大位置偏移（留空 = 不限）</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="74" />
        <source>Maximum points per trajectory</source>
        <translation>每条轨迹的最大点数</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="74" />
        <source>Sample size for the medoid search</source>
        <translation>寻找 medoid 的样本大小</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="74" />
        <source>Cell size for t2vec (metres)</source>
        <translation>t2vec 的单元格大小（米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="74" />
        <source>t2vec pre-training epochs</source>
        <translation>t2vec 预训练轮数</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="80" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="82" />
        <source>Ground-truth field (optional, for scores only)</source>
        <translation>真值字段（可选，仅用于评分）</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="85" />
        <source>Clustered trajectories</source>
        <translation>已聚类的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="106" />
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="125" />
        <source>Computing trajectory distances and medoids</source>
        <translation>正在计算轨迹距离和 medoid</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="146" />
        <source>Pre-training t2vec, then k-means</source>
        <translation>正在预训练 t2vec，然后进行 k-means</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="44" />
        <source>&lt;p&gt;The baselines of the E2DTC paper, to compare with &lt;i&gt;E2DTC: train deep trajectory clustering&lt;/i&gt; on the same layer.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method&lt;/b&gt;: k-medoids (FasterPAM, from the kmedoids package) over a trajectory distance computed on planar coordinates in metres: &lt;b&gt;DTW&lt;/b&gt; (sum of matched point distances), &lt;b&gt;Hausdorff&lt;/b&gt;, &lt;b&gt;discrete Fréchet&lt;/b&gt;, &lt;b&gt;EDR&lt;/b&gt; (edit distance, points match within ε, divided by the longer length) or &lt;b&gt;LCSS&lt;/b&gt; (1 − longest common subsequence / shorter length, points match within ε and at most δ positions apart); or &lt;b&gt;t2vec + k-means&lt;/b&gt;: E2DTC's pre-training on grid cells of &lt;b&gt;Cell size&lt;/b&gt;, then k-means on the trajectory vectors (the paper's L0 ablation); t2vec also pre-trains on the optional &lt;b&gt;More trajectories for t2vec pre-training only&lt;/b&gt;, as E2DTC does.&lt;/p&gt;&lt;p&gt;Trajectories are resampled to at most &lt;b&gt;Maximum points per trajectory&lt;/b&gt; (32) before comparing. The distance matrix is quadratic: with more trajectories than &lt;b&gt;Sample size&lt;/b&gt; (2000) the medoids are found on a random sample and every trajectory then joins its nearest medoid.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ground-truth field&lt;/b&gt; (optional): the results then carry UACC, NMI, RI and ARI.&lt;/p&gt;&lt;p&gt;Output: trajectory lines with their cluster, plus is_medoid and distance (to the medoid, in the method's unit) for k-medoids or confidence (the largest soft assignment) for t2vec + k-means; categorized by cluster.&lt;/p&gt;</source>
        <translation>&lt;p&gt;E2DTC 论文中的基线方法，可在同一图层上与 &lt;i&gt;E2DTC：训练深度轨迹聚类&lt;/i&gt; 对比。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法&lt;/b&gt;：基于轨迹距离的 k-medoids（FasterPAM，来自 kmedoids 包），距离在以米为单位的平面坐标上计算：&lt;b&gt;DTW&lt;/b&gt;（匹配点距离之和）、&lt;b&gt;Hausdorff&lt;/b&gt;、&lt;b&gt;离散 Fréchet&lt;/b&gt;、&lt;b&gt;EDR&lt;/b&gt;（编辑距离，距离在 ε 以内的点视为匹配，除以较长轨迹的长度）或 &lt;b&gt;LCSS&lt;/b&gt;（1 − 最长公共子序列 / 较短轨迹长度，距离在 ε 以内且位置相差至多 δ 的点视为匹配）；或 &lt;b&gt;t2vec + k-means&lt;/b&gt;：在&lt;b&gt;单元格大小&lt;/b&gt;的网格上进行 E2DTC 预训练，然后对轨迹向量做 k-means（论文中的 L0 消融）；t2vec 还会在可选的&lt;b&gt;仅用于 t2vec 预训练的更多轨迹&lt;/b&gt;上预训练，与 E2DTC 相同。&lt;/p&gt;&lt;p&gt;比较前，轨迹被重采样为至多&lt;b&gt;每条轨迹的最大点数&lt;/b&gt;（32）个点。距离矩阵的规模是二次的：当轨迹数多于&lt;b&gt;样本大小&lt;/b&gt;（2000）时，在随机样本上寻找 medoid，然后每条轨迹归入最近的 medoid。&lt;/p&gt;&lt;p&gt;&lt;b&gt;真值字段&lt;/b&gt;（可选）：结果中将给出 UACC、NMI、RI 和 ARI。&lt;/p&gt;&lt;p&gt;输出：带聚类编号的轨迹线；k-medoids 另有 is_medoid 和 distance（到 medoid 的距离，单位取决于方法），t2vec + k-means 另有 confidence（最大软分配概率）；按聚类分类符号化。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/classic_clustering.py" line="81" />
        <source>More trajectories for t2vec pre-training only (optional)</source>
        <translation>仅用于 t2vec 预训练的更多轨迹（可选）</translation>
    </message>
</context>
<context>
    <name>CroTadDetectAlgorithm</name>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="70" />
        <source>CroTad: detect anomalous sub-trajectories</source>
        <translation>CroTad：检测异常子轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="73" />
        <source>&lt;p&gt;Labels every point of the input trajectories normal or anomalous with a model trained by &lt;i&gt;CroTad: train an online trajectory anomaly detector&lt;/i&gt;. Each trajectory is mapped to H3 cells at the model's resolution (consecutive repeats removed) and cut into windows of the model's length L, padded at both ends so that every cell lies in exactly L windows. Each window is labelled normal or anomalous; a cell gets one vote per anomalous window holding it and is anomalous when its votes reach the &lt;b&gt;Voting threshold&lt;/b&gt; (Eq. 26-27); a point takes the label of its cell.&lt;/p&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Model file&lt;/b&gt;: the .pt file written by the training algorithm.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Input trajectory points&lt;/b&gt;, &lt;b&gt;Trajectory ID field&lt;/b&gt;, &lt;b&gt;Time field&lt;/b&gt; (optional; without it the input order of each trajectory's points is used).&lt;/li&gt;&lt;li&gt;&lt;b&gt;OD field&lt;/b&gt; (optional): the field holding each trajectory's OD pair (or route), with the values used in training. When empty: the training OD field when the input has it, else (for a model whose OD pairs were derived from end points) the stored pairs matched on the H3 cells of the first and last points. Trajectories of an OD the model does not know are skipped (a warning lists them).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Mode&lt;/b&gt;: &lt;i&gt;online&lt;/i&gt; replays all points in time order through the streaming detector (the deep Q-network labels each window as it is completed; a point is labelled as soon as its last window is seen, the results give the time per point); &lt;i&gt;offline&lt;/i&gt; uses the clustering detector: a window is anomalous when it falls in a small DBSCAN cluster among the training windows of its OD (Eq. 24).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Voting threshold&lt;/b&gt; (optional, 1 to L; empty = the model's).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Online: label whole trajectories at once&lt;/b&gt; (advanced): the same labels as the replay, computed trajectory by trajectory (faster; no time per point).&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;H3 cells the model never saw in training are allowed: they are encoded as an unknown cell, which the model treats as rare (usually anomalous).&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Flagged segments&lt;/b&gt;: one line per run of equally labelled consecutive points of a trajectory (consecutive segments share their boundary point), with traj_id, od, start_time, end_time, n_points, label (1 = anomalous), mean_votes, anomaly_type (from the input, when present) and reviewed (empty, for the &lt;i&gt;Flagged segments&lt;/i&gt; panel, which opens on this layer). Anomalous segments are red dashed, normal ones thin blue. &lt;b&gt;Labelled points&lt;/b&gt;: traj_id, seq, time, od, cell (H3), votes, label, and is_anomaly / anomaly_type copied from the input when present; points of skipped trajectories have no label.&lt;/p&gt;&lt;p&gt;Results: N_TRAJECTORIES (labelled), N_SKIPPED (unknown OD), N_ANOMALOUS_TRAJECTORIES, N_ANOMALOUS_POINTS, N_SEGMENTS, TRAJECTORY_COUNTS (JSON: anomalous points per trajectory) and, for the replay, LATENCY_MS_MEDIAN / LATENCY_MS_P99 (milliseconds per point). When the input carries &lt;i&gt;is_anomaly&lt;/i&gt; and &lt;i&gt;anomaly_type&lt;/i&gt; (as the output of &lt;i&gt;Synthetic anomalies&lt;/i&gt;), also window- and point-level precision, recall and F1 per anomaly type (WINDOW_P_/WINDOW_R_/WINDOW_F1_ and POINT_P_/POINT_R_/POINT_F1_ followed by the type, and _ALL over every trajectory), the false-positive rates of the normal trajectories, and an optional HTML &lt;b&gt;Report&lt;/b&gt; with the table laid out like Table 2 of the paper.&lt;/p&gt;</source>
        <translation>&lt;p&gt;使用&lt;i&gt;CroTad：训练在线轨迹异常检测器&lt;/i&gt;训练的模型，将输入轨迹的每个点标注为正常或异常。每条轨迹按模型的分辨率映射为 H3 单元格（去除连续重复），并切分为长度为模型窗口长度 L 的窗口，两端进行填充，使每个单元格恰好位于 L 个窗口中。每个窗口被标注为正常或异常；每个包含某单元格的异常窗口为其投一票，票数达到&lt;b&gt;投票阈值&lt;/b&gt;时该单元格为异常（式 26-27）；点取其所在单元格的标签。&lt;/p&gt;&lt;h3&gt;参数&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;模型文件&lt;/b&gt;：训练算法写出的 .pt 文件。&lt;/li&gt;&lt;li&gt;&lt;b&gt;输入轨迹点&lt;/b&gt;、&lt;b&gt;轨迹 ID 字段&lt;/b&gt;、&lt;b&gt;时间字段&lt;/b&gt;（可选；未指定时使用每条轨迹中点的输入顺序）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;OD 字段&lt;/b&gt;（可选）：保存每条轨迹 OD 对（或线路）的字段，其取值须与训练时相同。留空时：若输入含有训练时的 OD 字段则使用该字段，否则（对于由起讫点推导 OD 对的模型）按第一个点和最后一个点的 H3 单元格匹配模型中保存的 OD 对。属于模型未知 OD 的轨迹将被跳过（警告中会列出）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;模式&lt;/b&gt;：&lt;i&gt;在线&lt;/i&gt;按时间顺序将所有点回放给流式检测器（深度 Q 网络在每个窗口完成时对其标注；点在其最后一个窗口出现后立即得到标签，结果中给出每个点的耗时）；&lt;i&gt;离线&lt;/i&gt;使用聚类检测器：若窗口在其 OD 的训练窗口中落入一个小的 DBSCAN 簇，则为异常（式 24）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;投票阈值&lt;/b&gt;（可选，1 到 L；留空 = 模型的取值）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;在线：一次标注整条轨迹&lt;/b&gt;（高级）：与回放相同的标签，逐条轨迹计算（更快；没有每个点的耗时）。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;允许出现训练中未见过的 H3 单元格：它们被编码为未知单元格，模型将其视为稀有单元格（通常判为异常）。&lt;/p&gt;&lt;h3&gt;输出&lt;/h3&gt;&lt;p&gt;&lt;b&gt;标记的路段&lt;/b&gt;：轨迹中每一段标签相同的连续点为一条线（相邻路段共享边界点），字段为 traj_id、od、start_time、end_time、n_points、label（1 = 异常）、mean_votes、anomaly_type（输入中有时取自输入）和 reviewed（为空，供&lt;i&gt;标记的路段&lt;/i&gt;面板使用，该面板会在此图层上打开）。异常路段显示为红色虚线，正常路段为蓝色细线。&lt;b&gt;已标注的点&lt;/b&gt;：traj_id、seq、time、od、cell（H3）、votes、label，以及输入中存在时复制的 is_anomaly / anomaly_type；被跳过轨迹的点没有标签。&lt;/p&gt;&lt;p&gt;结果：N_TRAJECTORIES（已标注）、N_SKIPPED（未知 OD）、N_ANOMALOUS_TRAJECTORIES、N_ANOMALOUS_POINTS、N_SEGMENTS、TRAJECTORY_COUNTS（JSON：每条轨迹的异常点数），回放模式下还有 LATENCY_MS_MEDIAN / LATENCY_MS_P99（每个点的毫秒数）。当输入带有 &lt;i&gt;is_anomaly&lt;/i&gt; 和 &lt;i&gt;anomaly_type&lt;/i&gt; 字段（如&lt;i&gt;合成异常&lt;/i&gt;的输出）时，还给出各异常类型在窗口级和点级的精确率、召回率和 F1（WINDOW_P_/WINDOW_R_/WINDOW_F1_ 和 POINT_P_/POINT_R_/POINT_F1_ 后接类型名，_ALL 表示全部轨迹）、正常轨迹的误报率，以及可选的 HTML &lt;b&gt;报告&lt;/b&gt;，其中的表格按论文表 2 的格式排列。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="117" />
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="119" />
        <source>OD field (empty = as in training)</source>
        <translation>OD 字段（留空 = 与训练时相同）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="122" />
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="122" />
        <source>online: replay the points in time order (DQN)</source>
        <translation>在线：按时间顺序回放各点（DQN）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="122" />
        <source>offline: clustering of windows (DBSCAN)</source>
        <translation>离线：窗口聚类（DBSCAN）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="126" />
        <source>Voting threshold (votes out of the window length; empty = the model's)</source>
        <translation>投票阈值（以窗口长度为满票；留空 = 模型的取值）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="129" />
        <source>Online: label whole trajectories at once instead of replaying (same labels)</source>
        <translation>在线：一次标注整条轨迹而不逐点回放（标签相同）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="134" />
        <source>Flagged segments</source>
        <translation>标记的片段</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="136" />
        <source>Labelled points</source>
        <translation>已标注的点</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="139" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="142" />
        <source>Trajectories labelled</source>
        <translation>已标注的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="142" />
        <source>Trajectories skipped (OD unknown to the model)</source>
        <translation>跳过的轨迹（模型未知的 OD）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="142" />
        <source>Trajectories with an anomalous point</source>
        <translation>含异常点的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="142" />
        <source>Anomalous points</source>
        <translation>异常点</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="142" />
        <source>Segments</source>
        <translation>路段</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="148" />
        <source>Anomalous points per trajectory (JSON)</source>
        <translation>每条轨迹的异常点数（JSON）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="186" />
        <source>Reading trajectories</source>
        <translation>正在读取轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="235" />
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="223" />
        <source>Detecting</source>
        <translation>正在检测</translation>
    </message>
</context>
<context>
    <name>CroTadTrainAlgorithm</name>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="57" />
        <source>CroTad: train an online trajectory anomaly detector</source>
        <translation>CroTad：训练在线轨迹异常检测器</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="60" />
        <source>&lt;p&gt;Trains CroTad (Xue et al., contrastive reinforcement learning for online trajectory anomaly detection) on trajectories assumed to be normal, grouped by origin-destination (OD) pair. Every trajectory becomes a sequence of H3 cells (consecutive repeats removed). Cell embeddings come from node2vec on a hierarchical graph: the optional road network, the optional stops of public-transport routes and the cell transitions seen in the training trajectories. An encoder (route-wise graph attention over each OD's frequently visited cells, a GRU started from the OD embedding, attention pooling) is pre-trained on windows of WINDOW cells with three losses: reconstruction of masked cells, contrast between two augmented views of a window (STSC) and contrast between a window and generated abnormal versions of it (MIIC). A DBSCAN clustering of the windows of each OD then gives pseudo-labels (a window in a small cluster is anomalous, Eq. 24), from which a deep Q-network learns to label windows one at a time, online. Apply the model with &lt;i&gt;CroTad: detect anomalous sub-trajectories&lt;/i&gt;.&lt;/p&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Input trajectory points&lt;/b&gt;, &lt;b&gt;Trajectory ID field&lt;/b&gt;, &lt;b&gt;Time field&lt;/b&gt; (optional; orders the points). Use normal trajectories: the detector learns what usual routes of each OD look like.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OD field&lt;/b&gt; (optional): the field holding the OD pair (or bus route + direction) of each trajectory, e.g. &lt;i&gt;od_id&lt;/i&gt; of &lt;i&gt;Assign OD pairs&lt;/i&gt;; the value of the first point counts and trajectories with a NULL value are left out. When empty, OD pairs are derived here exactly as &lt;i&gt;Assign OD pairs&lt;/i&gt; does: the H3 cells of the first and last points at &lt;b&gt;OD resolution&lt;/b&gt; (default 8), pairs with at least &lt;b&gt;Minimum trips per OD pair&lt;/b&gt; (default 20) trajectories; the pairs are stored in the model so that detection finds them again.&lt;/li&gt;&lt;li&gt;&lt;b&gt;H3 resolution&lt;/b&gt; (default 10 as for Porto in the paper; 9 for buses) and &lt;b&gt;Window&lt;/b&gt; (cells per sub-trajectory, default 5; the paper uses 10 for buses). Trajectories of fewer than 2 cells, and OD values with a single usable trajectory, are left out; trajectories shorter than the window are used with padded windows.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Road network&lt;/b&gt; (optional lines) and &lt;b&gt;Stops&lt;/b&gt; (optional points with a &lt;b&gt;route&lt;/b&gt; field and a &lt;b&gt;sequence&lt;/b&gt; field giving the order of the stops along the route) add edges to the cell graph.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Preset&lt;/b&gt;: fast-CPU (small sizes and few epochs: minutes on a laptop) or paper. The advanced parameters override the preset when set; those left empty take the preset's value (or an automatic one, as said in their label). The paper's symbols: δ&lt;sub&gt;od&lt;/sub&gt; frequent-cell threshold, ρ&lt;sub&gt;1&lt;/sub&gt;-ρ&lt;sub&gt;4&lt;/sub&gt; augmentations, τ temperature, δ&lt;sub&gt;1&lt;/sub&gt;/δ&lt;sub&gt;2&lt;/sub&gt;/m/λ of MIIC, α weights of the losses, γ discount of the DQN, δ&lt;sub&gt;p&lt;/sub&gt; voting threshold.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Random seed&lt;/b&gt;: the same seed and input give the same model.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Outputs: the &lt;b&gt;Model file&lt;/b&gt; (.pt: weights, parameters, vocabulary of cells and the OD pairs) and an HTML &lt;b&gt;Report&lt;/b&gt; with the pre-training loss curves (total, reconstruction, STSC, MIIC), the pseudo-label counts per OD, the DQN reward curve, the graph statistics and the parameters used. Training runs in the background and can be cancelled: no model file is written then.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在假定为正常、按起讫点（OD）对分组的轨迹上训练 CroTad（Xue et al.，面向在线轨迹异常检测的对比强化学习）。每条轨迹被转换为 H3 单元格序列（去除连续重复）。单元格嵌入由 node2vec 在层次图上得到：可选的路网、可选的公共交通线路站点，以及训练轨迹中出现的单元格转移。编码器（在每个 OD 的频繁访问单元格上按路线进行图注意力、以 OD 嵌入初始化的 GRU、注意力池化）在由 WINDOW 个单元格组成的窗口上用三种损失进行预训练：被遮盖单元格的重建、同一窗口两个增强视图之间的对比（STSC），以及窗口与其生成的异常版本之间的对比（MIIC）。随后对每个 OD 的窗口做 DBSCAN 聚类得到伪标签（落在小簇中的窗口为异常，式 24），深度 Q 网络据此学习逐个在线标注窗口。使用&lt;i&gt;CroTad：检测异常子轨迹&lt;/i&gt;应用该模型。&lt;/p&gt;&lt;h3&gt;参数&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;输入轨迹点&lt;/b&gt;、&lt;b&gt;轨迹 ID 字段&lt;/b&gt;、&lt;b&gt;时间字段&lt;/b&gt;（可选；用于对点排序）。请使用正常轨迹：检测器学习的是每个 OD 的常规路线。&lt;/li&gt;&lt;li&gt;&lt;b&gt;OD 字段&lt;/b&gt;（可选）：保存每条轨迹 OD 对（或公交线路 + 方向）的字段，例如&lt;i&gt;分配 OD 对&lt;/i&gt;生成的 &lt;i&gt;od_id&lt;/i&gt;；以第一个点的值为准，值为 NULL 的轨迹被排除。留空时在此处按与&lt;i&gt;分配 OD 对&lt;/i&gt;完全相同的方式推导 OD 对：取第一个点和最后一个点在 &lt;b&gt;OD 分辨率&lt;/b&gt;（默认 8）下的 H3 单元格，保留至少有&lt;b&gt;每个 OD 对的最少行程数&lt;/b&gt;（默认 20）条轨迹的 OD 对；这些 OD 对保存在模型中，以便检测时再次匹配。&lt;/li&gt;&lt;li&gt;&lt;b&gt;H3 分辨率&lt;/b&gt;（默认 10，与论文中 Porto 相同；公交为 9）和&lt;b&gt;窗口&lt;/b&gt;（每个子轨迹的单元格数，默认 5；论文中公交为 10）。少于 2 个单元格的轨迹以及只有一条可用轨迹的 OD 值会被排除；短于窗口的轨迹使用填充窗口。&lt;/li&gt;&lt;li&gt;&lt;b&gt;路网&lt;/b&gt;（可选的线）和&lt;b&gt;站点&lt;/b&gt;（可选的点，带有&lt;b&gt;线路&lt;/b&gt;字段和给出站点沿线顺序的&lt;b&gt;序号&lt;/b&gt;字段）为单元格图添加边。&lt;/li&gt;&lt;li&gt;&lt;b&gt;预设&lt;/b&gt;：fast-CPU（规模小、轮次少：在笔记本电脑上需数分钟）或 paper。设置了的高级参数会覆盖预设；留空的参数取预设值（或如其标签所述的自动值）。论文中的符号：δ&lt;sub&gt;od&lt;/sub&gt; 频繁单元格阈值，ρ&lt;sub&gt;1&lt;/sub&gt;-ρ&lt;sub&gt;4&lt;/sub&gt; 数据增强，τ 温度，δ&lt;sub&gt;1&lt;/sub&gt;/δ&lt;sub&gt;2&lt;/sub&gt;/m/λ 为 MIIC 的参数，α 为各损失的权重，γ 为 DQN 折扣因子，δ&lt;sub&gt;p&lt;/sub&gt; 为投票阈值。&lt;/li&gt;&lt;li&gt;&lt;b&gt;随机种子&lt;/b&gt;：相同的种子和输入得到相同的模型。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;输出：&lt;b&gt;模型文件&lt;/b&gt;（.pt：权重、参数、单元格词表和 OD 对）和 HTML &lt;b&gt;报告&lt;/b&gt;，包含预训练损失曲线（总损失、重建、STSC、MIIC）、各 OD 的伪标签数量、DQN 奖励曲线、图统计和所用参数。训练在后台运行，可以取消：取消时不写入模型文件。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>δod: frequent-cell threshold (visits per trajectory)</source>
        <translation>δod：频繁单元格阈值（每条轨迹的访问次数）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>node2vec cell embedding size (empty = preset)</source>
        <translation>node2vec 单元格嵌入维度（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>node2vec walk length</source>
        <translation>node2vec 游走长度</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>node2vec walks per cell (empty = preset)</source>
        <translation>node2vec 每个单元格的游走次数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>node2vec return parameter p</source>
        <translation>node2vec 返回参数 p</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>node2vec in-out parameter q</source>
        <translation>node2vec 进出参数 q</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Encoder hidden size (empty = preset)</source>
        <translation>编码器隐藏层大小（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Graph attention heads (empty = preset)</source>
        <translation>图注意力头数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Graph attention layers</source>
        <translation>图注意力层数</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Projection head size (empty = preset)</source>
        <translation>投影头大小（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>ρ1: most cells masked (empty = half the window)</source>
        <translation>ρ1：最多遮盖的单元格数（留空 = 窗口的一半）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>ρ2: most cells cut at the rear (empty = half the window)</source>
        <translation>ρ2：尾部最多截去的单元格数（留空 = 窗口的一半）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>ρ3: most cells cut at the head (empty = half the window)</source>
        <translation>ρ3：首部最多截去的单元格数（留空 = 窗口的一半）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>ρ4: largest share of masked cells to reconstruct</source>
        <translation>ρ4：待重建的遮盖单元格的最大比例</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>τ: contrastive temperature</source>
        <translation>τ：对比学习温度</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>δ1: normality score above which a positive pair counts fully</source>
        <translation>δ1：正样本对完全计入所需的正常性得分下限</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>δ2: normality score below which a positive pair counts as negative</source>
        <translation>δ2：正样本对低于此正常性得分时视为负样本</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>m: MIIC margin</source>
        <translation>m：MIIC 间隔</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>λ: MIIC scale</source>
        <translation>λ：MIIC 缩放系数</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>k-hop of rare replacement cells</source>
        <translation>稀有替换单元格的 k 跳范围</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Generated negatives per window (empty = preset)</source>
        <translation>每个窗口生成的负样本数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>α1: weight of the reconstruction loss</source>
        <translation>α1：重建损失的权重</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>α2: weight of the STSC loss</source>
        <translation>α2：STSC 损失的权重</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>α3: weight of the MIIC loss</source>
        <translation>α3：MIIC 损失的权重</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Pre-training epochs (empty = preset)</source>
        <translation>预训练轮数（留空 = 使用预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Most batches per pre-training epoch (empty = preset)</source>
        <translation>每个预训练轮次的最多批次数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Batch size (empty = preset)</source>
        <translation>批大小（留空 = 使用预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Pre-training learning rate</source>
        <translation>预训练学习率</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>DBSCAN eps (empty = automatic)</source>
        <translation>DBSCAN eps（留空 = 自动）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>DBSCAN minimum samples</source>
        <translation>DBSCAN 最小样本数</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Training windows clustered per OD (empty = preset)</source>
        <translation>每个 OD 参与聚类的训练窗口数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>DQN training steps (empty = preset)</source>
        <translation>DQN 训练步数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>DQN batch size (empty = preset)</source>
        <translation>DQN 批大小（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>γ: DQN discount</source>
        <translation>γ：DQN 折扣因子</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>DQN learning rate</source>
        <translation>DQN 学习率</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>DQN replay buffer size</source>
        <translation>DQN 经验回放缓冲区大小</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>DQN target network update (steps)</source>
        <translation>DQN 目标网络更新间隔（步）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Share of generated anomalous windows in DQN training</source>
        <translation>DQN 训练中生成的异常窗口所占比例</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>DQN exploration rate at the start</source>
        <translation>DQN 初始探索率</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>DQN exploration rate at the end</source>
        <translation>DQN 最终探索率</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>δp: voting threshold (empty = the window: every window must vote anomalous)</source>
        <translation>δp：投票阈值（留空 = 窗口长度：所有窗口都须投异常票）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="156" />
        <source>OD field (empty = derive OD pairs from the end points)</source>
        <translation>OD 字段（留空 = 由起讫点推导 OD 对）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="159" />
        <source>OD resolution: H3 resolution of origin/destination cells (without an OD field)</source>
        <translation>OD 分辨率：起点/终点单元格的 H3 分辨率（无 OD 字段时）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="162" />
        <source>Minimum trips per OD pair (without an OD field)</source>
        <translation>每个 OD 对的最少行程数（无 OD 字段时）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="165" />
        <source>H3 resolution of the trajectory cells (0-15)</source>
        <translation>轨迹单元格的 H3 分辨率（0-15）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="168" />
        <source>Window (cells per sub-trajectory)</source>
        <translation>窗口（每个子轨迹的单元格数）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="171" />
        <source>Road network (lines; optional)</source>
        <translation>路网（线；可选）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="174" />
        <source>Stops (points; optional)</source>
        <translation>站点（点；可选）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="176" />
        <source>Stops: route field</source>
        <translation>站点：线路字段</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="179" />
        <source>Stops: sequence field (order along the route)</source>
        <translation>站点：序号字段（沿线路的顺序）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="182" />
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="182" />
        <source>fast-CPU</source>
        <translation>快速 CPU</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="182" />
        <source>paper</source>
        <translation>论文设置</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="187" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="189" />
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="191" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="193" />
        <source>Trajectories used for training</source>
        <translation>用于训练的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="193" />
        <source>OD pairs in the model</source>
        <translation>模型中的 OD 对</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="193" />
        <source>Trajectories left out</source>
        <translation>被排除的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="210" />
        <source>Reading trajectories</source>
        <translation>正在读取轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="259" />
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="229" />
        <source>Mapping trajectories to H3 cells</source>
        <translation>正在将轨迹映射到 H3 单元格</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="255" />
        <source>Training CroTad (graph, node2vec, pre-training, clustering, DQN)</source>
        <translation>正在训练 CroTad（图、node2vec、预训练、聚类、DQN）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="106" />
        <source>Automatic DBSCAN eps: quantile of the neighbour distances (empty = the one separating generated anomalies best)</source>
        <translation>自动 DBSCAN eps：近邻距离的分位数（留空 = 最能区分生成异常的分位数）</translation>
    </message>
</context>
<context>
    <name>DeepTraj</name>
    <message>
        <location filename="../plugin/install_dialog.py" line="37" />
        <source>DeepTraj: install Python dependencies</source>
        <translation>DeepTraj：安装 Python 依赖</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="50" />
        <source>Install only the missing packages</source>
        <translation>仅安装缺失的包</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="53" />
        <source>CPU-only PyTorch (much smaller download; DeepTraj does not need a GPU)</source>
        <translation>仅 CPU 版 PyTorch（下载量小得多；DeepTraj 不需要 GPU）</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="70" />
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="71" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="87" />
        <source>Missing Python packages: &lt;b&gt;{0}&lt;/b&gt;.</source>
        <translation>缺少的 Python 包：&lt;b&gt;{0}&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="90" />
        <source>All DeepTraj Python packages are available.</source>
        <translation>DeepTraj 所需的所有 Python 包均已可用。</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="91" />
        <source>Packages are installed with pip into a DeepTraj-only folder that QGIS's own packages take precedence over; numpy stays at the version QGIS uses.&lt;br&gt;Folder: &lt;tt&gt;{0}&lt;/tt&gt;&lt;br&gt;Python: &lt;tt&gt;{1}&lt;/tt&gt;</source>
        <translation>使用 pip 将包安装到 DeepTraj 专用文件夹中，QGIS 自带的包优先于该文件夹中的包；numpy 保持 QGIS 所用的版本。&lt;br&gt;文件夹：&lt;tt&gt;{0}&lt;/tt&gt;&lt;br&gt;Python：&lt;tt&gt;{1}&lt;/tt&gt;</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="150" />
        <source>Stopping pip…</source>
        <translation>正在停止 pip…</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="170" />
        <source>Could not start {0}: {1}</source>
        <translation>无法启动 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="186" />
        <source>pip was stopped before it finished.</source>
        <translation>pip 在完成之前被停止。</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="189" />
        <source>pip failed (exit code {0}).</source>
        <translation>pip 执行失败（退出代码 {0}）。</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="191" />
        <source>QGIS's Python has no pip: install it first (Debian/Ubuntu: sudo apt install python3-pip), then try again.</source>
        <translation>QGIS 的 Python 中没有 pip：请先安装 pip（Debian/Ubuntu：sudo apt install python3-pip），然后重试。</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="198" />
        <source>pip finished, but these packages still cannot be imported: {0}. Restart QGIS and check again (Plugins &gt; DeepTraj &gt; About).</source>
        <translation>pip 已完成，但以下包仍无法导入：{0}。请重启 QGIS 后再次检查（插件 &gt; DeepTraj &gt; 关于）。</translation>
    </message>
    <message>
        <location filename="../plugin/install_dialog.py" line="203" />
        <source>Installation finished: all DeepTraj packages are available. If a package was already loaded in this QGIS session in another version, restart QGIS.</source>
        <translation>安装完成：DeepTraj 所需的所有包均已可用。如果某个包已在本次 QGIS 会话中以其他版本加载，请重启 QGIS。</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="28" />
        <source>&amp;DeepTraj</source>
        <translation>&amp;DeepTraj</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="99" />
        <source>Install dependencies…</source>
        <translation>安装依赖…</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="34" />
        <source>Open DeepTraj toolbox</source>
        <translation>打开 DeepTraj 工具箱</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="38" />
        <source>About DeepTraj / dependency status</source>
        <translation>关于 DeepTraj / 依赖状态</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="96" />
        <source>Some algorithms need Python packages that are not installed: {0}.</source>
        <translation>部分算法需要尚未安装的 Python 包：{0}。</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="139" />
        <source>The Processing toolbox is not available: enable the Processing plugin (Plugins &gt; Manage and Install Plugins…).</source>
        <translation>处理工具箱不可用：请启用 Processing 插件（插件 &gt; 管理并安装插件…）。</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="164" />
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="167" />
        <source>Deep trajectory mining in the Processing toolbox (provider &lt;tt&gt;deeptraj&lt;/tt&gt;, {0} algorithms loaded).</source>
        <translation>在处理工具箱中进行深度轨迹挖掘（提供程序 &lt;tt&gt;deeptraj&lt;/tt&gt;，已加载 {0} 个算法）。</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="172" />
        <source>Missing Python packages:</source>
        <translation>缺少的 Python 包：</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="172" />
        <source>Use Plugins &gt; DeepTraj &gt; Install dependencies…</source>
        <translation>请使用 插件 &gt; DeepTraj &gt; 安装依赖…</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="177" />
        <source>All Python packages are available.</source>
        <translation>所有 Python 包均已可用。</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="182" />
        <source>Private package folder</source>
        <translation>私有包文件夹</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="182" />
        <source>not created yet</source>
        <translation>尚未创建</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="192" />
        <source>About DeepTraj</source>
        <translation>关于 DeepTraj</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="40" />
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="41" />
        <source>Discretization</source>
        <translation>离散化</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="42" />
        <source>Ground truth</source>
        <translation>真值</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="43" />
        <source>Clustering</source>
        <translation>聚类</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="44" />
        <source>Anomaly detection</source>
        <translation>异常检测</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="45" />
        <source>Embedding</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="98" />
        <source>This algorithm needs Python packages that are not installed: {0}. Use Plugins &gt; DeepTraj &gt; Install dependencies…, or run: pip install {1}</source>
        <translation>此算法需要尚未安装的 Python 包：{0}。请使用 插件 &gt; DeepTraj &gt; 安装依赖…，或运行：pip install {1}</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="108" />
        <source>Input trajectories (points, or lines)</source>
        <translation>输入轨迹（点或线）</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="108" />
        <source>Input trajectory points</source>
        <translation>输入轨迹点</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="111" />
        <source>Trajectory ID field</source>
        <translation>轨迹 ID 字段</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="114" />
        <source>Time field (points: timestamp; lines: start time)</source>
        <translation>时间字段（点：时间戳；线：起始时间）</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="118" />
        <source>Sampling interval of line vertices without M (seconds)</source>
        <translation>无 M 值的线顶点采样间隔（秒）</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="101" />
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="201" />
        <source>Out of memory: try a smaller input or a coarser discretization.</source>
        <translation>内存不足：请尝试更小的输入或更粗的离散化。</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="220" />
        <source>{0}: '{1}' is not a valid CRS.</source>
        <translation>{0}：'{1}' 不是有效的坐标参考系。</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_common.py" line="30" />
        <source>Collapse consecutive repeated cells</source>
        <translation>合并连续重复的单元格</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_common.py" line="35" />
        <source>Cells</source>
        <translation>单元格</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_common.py" line="37" />
        <source>Token sequences</source>
        <translation>词元序列</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_common.py" line="39" />
        <source>Vocabulary (JSON)</source>
        <translation>词表（JSON）</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_common.py" line="103" />
        <source>{0} token(s) are UNK: their points lie outside the grid extent</source>
        <translation>{0} 个词元为 UNK：其对应的点位于网格范围之外</translation>
    </message>
    <message>
        <location filename="../processing_provider/provider.py" line="44" />
        <source>DeepTraj: deep trajectory mining</source>
        <translation>DeepTraj：深度轨迹挖掘</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="272" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="357" />
        <source>Scores against the ground truth</source>
        <translation>相对于真值的评分</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="360" />
        <source>Pre-training (t2vec)</source>
        <translation>预训练（t2vec）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="364" />
        <source>Self-training</source>
        <translation>自训练</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="373" />
        <source>Choosing k (elbow)</source>
        <translation>选择 k（肘部法则）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="299" />
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="229" />
        <source>{0} must be a projected CRS in metres (or empty for the UTM zone of the data).</source>
        <translation>{0} 必须是以米为单位的投影坐标参考系（或留空以使用数据所在的 UTM 分带）。</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="42" />
        <source>Embedding explorer</source>
        <translation>嵌入浏览器</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="25" />
        <source>User field (user-days; LYMob: uid)</source>
        <translation>用户字段（用户日；LYMob：uid）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="278" />
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="292" />
        <source>Next location on held-out users</source>
        <translation>留出用户上的下一位置预测</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="288" />
        <source>User re-identification across days (held-out users)</source>
        <translation>跨日用户再识别（留出用户）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="294" />
        <source>PCA after standardisation</source>
        <translation>标准化后的 PCA</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="46" />
        <source>Flagged segments</source>
        <translation>标记的片段</translation>
    </message>
    <message>
        <location filename="../plugin/menu.py" line="48" />
        <source>Inspect and review the anomalous segments found by CroTad anomaly detection</source>
        <translation>查看并审核 CroTad 异常检测发现的异常片段</translation>
    </message>
    <message>
        <location filename="../processing_provider/styles.py" line="71" />
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../processing_provider/styles.py" line="71" />
        <source>anomalous</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="48" />
        <source>not labelled (OD unknown to the model)</source>
        <translation>未标注（模型未知的 OD）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_detect.py" line="393" />
        <source>Evaluation against the labelled points (Table 2 layout)</source>
        <translation>基于已标注点的评估（表 2 格式）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="382" />
        <source>Pre-training</source>
        <translation>预训练</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="388" />
        <source>Pseudo-labels of the offline detector per OD</source>
        <translation>离线检测器在各 OD 上的伪标签</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="396" />
        <source>Online detector (DQN)</source>
        <translation>在线检测器（DQN）</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="400" />
        <source>Hierarchical graph</source>
        <translation>层次图</translation>
    </message>
    <message>
        <location filename="../processing_provider/crotad_train.py" line="403" />
        <source>Timings</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="42" />
        <source>Road network (lines)</source>
        <translation>道路网络（线）</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="45" />
        <source>Road class field (e.g. OSM highway; optional)</source>
        <translation>道路等级字段（例如 OSM highway；可选）</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="45" />
        <source>Number of lanes field (optional)</source>
        <translation>车道数字段（可选）</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="45" />
        <source>Maximum speed field (km/h; optional)</source>
        <translation>最高限速字段（km/h；可选）</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="51" />
        <source>Lines can be driven in both directions (undirected road layer)</source>
        <translation>线可双向行驶（无向道路图层）</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="54" />
        <source>Start node ID field (optional; default: lines connect where their end points meet)</source>
        <translation>起始节点 ID 字段（可选；默认：线在端点相交处相连）</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="54" />
        <source>End node ID field (optional)</source>
        <translation>终止节点 ID 字段（可选）</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="124" />
        <source>ROAD_NETWORK: the road network must be a line layer; choose a layer of road lines.</source>
        <translation>ROAD_NETWORK：道路网络必须是线图层；请选择一个道路线图层。</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="127" />
        <source>ROAD_NETWORK: the road layer has no valid CRS; set its CRS first.</source>
        <translation>ROAD_NETWORK：道路图层没有有效的坐标参考系；请先设置其坐标参考系。</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="130" />
        <source>ROAD_NETWORK: the road layer has no features; choose a layer with road lines.</source>
        <translation>ROAD_NETWORK：道路图层没有要素；请选择包含道路线的图层。</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="146" />
        <source>{0}: the field '{1}' does not exist in the road layer. Available fields: {2}</source>
        <translation>{0}：道路图层中不存在字段 '{1}'。可用字段：{2}</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="151" />
        <source>START_NODE_FIELD / END_NODE_FIELD: give both node id fields, or neither.</source>
        <translation>START_NODE_FIELD / END_NODE_FIELD：请同时指定两个节点 ID 字段，或都不指定。</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="169" />
        <source>{0} multi-part road line(s) have parts that do not meet; only their longest part is used.</source>
        <translation>{0} 条多部件道路线的各部分互不相接；仅使用其最长的部分。</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="192" />
        <source>Map matching: search radius (metres)</source>
        <translation>地图匹配：搜索半径（米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/road_layers.py" line="192" />
        <source>Map matching: GPS noise (standard deviation, metres)</source>
        <translation>地图匹配：GPS 噪声（标准差，米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_common.py" line="27" />
        <source>Spatial units</source>
        <translation>空间单元</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_common.py" line="27" />
        <source>road segments (needs a road network)</source>
        <translation>路段（需要道路网络）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_common.py" line="27" />
        <source>H3 cells</source>
        <translation>H3 单元格</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_common.py" line="27" />
        <source>square grid cells</source>
        <translation>正方形网格单元格</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_common.py" line="32" />
        <source>H3 resolution (H3 cells)</source>
        <translation>H3 分辨率（H3 单元格）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_common.py" line="35" />
        <source>Grid cell size in metres (grid cells)</source>
        <translation>网格单元格大小，单位为米（网格单元格）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="233" />
        <source>Metrics on the test trajectories</source>
        <translation>测试轨迹上的指标</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="240" />
        <source>Training of the head</source>
        <translation>任务头的训练</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="243" />
        <source>Trajectories left out</source>
        <translation>被排除的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Model width d_model (empty = preset)</source>
        <translation>模型宽度 d_model（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Attention heads (empty = preset)</source>
        <translation>注意力头数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Transformer layers (empty = preset)</source>
        <translation>Transformer 层数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>GAT layers of the road encoder (empty = preset)</source>
        <translation>道路编码器的 GAT 层数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Time-interval buckets N_B</source>
        <translation>时间间隔分桶数 N_B</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Dropout</source>
        <translation>Dropout 比率</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Maximum units per trajectory (empty = preset)</source>
        <translation>每条轨迹的最多单元数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Batch size (empty = preset)</source>
        <translation>批大小（留空 = 使用预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Learning rate (empty = preset)</source>
        <translation>学习率（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Meta learning rate (empty = preset)</source>
        <translation>元学习率（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Meta epochs (empty = preset)</source>
        <translation>元训练轮数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Epochs per source city and meta epoch (empty = preset)</source>
        <translation>每个元训练轮次中每个源城市的训练轮数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Target pre-training epochs (empty = preset)</source>
        <translation>目标城市预训练轮数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Share of units masked in spans</source>
        <translation>按片段掩码的单元比例</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Mean masked span length (units)</source>
        <translation>平均掩码片段长度（单元数）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Share of other units whose time is masked</source>
        <translation>其余单元中时间被掩码的比例</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Loss weight gamma of unit recovery (1 - gamma: time)</source>
        <translation>单元恢复的损失权重 gamma（1 - gamma：时间）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Test split of each source city (meta step)</source>
        <translation>每个源城市的测试划分比例（元步骤）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Target trajectories used at most</source>
        <translation>目标城市最多使用的轨迹数</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Trajectories per source city at most</source>
        <translation>每个源城市最多使用的轨迹数</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Minimum units per trajectory</source>
        <translation>每条轨迹的最少单元数</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="248" />
        <source>Meta-training on the source cities</source>
        <translation>在源城市上进行元训练</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="252" />
        <source>Pre-training on the target city</source>
        <translation>在目标城市上进行预训练</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="56" />
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Position features of the units (octaves; 0 = none)</source>
        <translation>单元位置特征（倍频程数；0 = 不使用）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="36" />
        <source>Pre-training trajectories: ID field (empty = the input's)</source>
        <translation>预训练轨迹：ID 字段（留空 = 与输入相同）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="36" />
        <source>Pre-training trajectories: time field (empty = the input's)</source>
        <translation>预训练轨迹：时间字段（留空 = 与输入相同）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="67" />
        <source>Target pre-training: at least this many batches (more epochs for a small target; empty = preset, 0 when the epochs are set)</source>
        <translation>目标城市预训练：至少训练这么多个批次（目标城市数据少时增加轮数；留空 = 预设，设置了轮数时为 0）</translation>
    </message>
</context>
<context>
    <name>DiscretizeGridAlgorithm</name>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="28" />
        <source>Discretize trajectories to a square grid</source>
        <translation>将轨迹离散化为正方形网格</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="31" />
        <source>&lt;p&gt;Turns trajectories into sequences of square grid-cell tokens, the input of E2DTC and t2vec.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input trajectories&lt;/b&gt;: a point layer (one point per GPS fix) or a line layer (one trajectory per feature). &lt;b&gt;Trajectory ID field&lt;/b&gt;: groups points into trajectories (required for points; lines default to the feature id). &lt;b&gt;Time field&lt;/b&gt;: orders the points (date-time, ISO text, epoch seconds or milliseconds, or a numeric order); for lines, the start time, the vertices following every &lt;i&gt;Sampling interval&lt;/i&gt; seconds (default 15 s, Porto) unless the line has M values.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cell size&lt;/b&gt; (default 300 m, E2DTC): side of a square cell in grid-CRS units. &lt;b&gt;Grid CRS&lt;/b&gt; (default EPSG:3857, as E2DTC/t2vec): a projected CRS. &lt;b&gt;Extent&lt;/b&gt; (default: the input extent): grid extent; points outside are the UNK token. &lt;b&gt;Minimum visits of a hot cell&lt;/b&gt; (default 1; t2vec used 50 on millions of points): cells visited fewer times are mapped to the nearest hot cell. &lt;b&gt;Nearest cells per token&lt;/b&gt; (default 10, E2DTC K): size of the k-nearest table stored in the vocabulary. &lt;b&gt;Collapse repeats&lt;/b&gt; (default yes): consecutive points in one cell give one token.&lt;/p&gt;&lt;p&gt;Cell id = row × n_cols + col with col = floor((x − xmin)/size), row = floor((y − ymin)/size). Tokens 0–3 are PAD, BOS, EOS, UNK; cell tokens start at 4 in order of decreasing visits.&lt;/p&gt;&lt;p&gt;Outputs: &lt;b&gt;Cells&lt;/b&gt; (polygons: token, cell_id, col, row, visits, hot; graduated by visits), &lt;b&gt;Token sequences&lt;/b&gt; (one line per trajectory: traj_id, n_points, n_tokens, n_unk, tokens as space-separated text) and the &lt;b&gt;Vocabulary&lt;/b&gt; JSON (grid definition, token↔cell table, k-nearest tokens with distances in metres) used by the model algorithms.&lt;/p&gt;</source>
        <translation>&lt;p&gt;将轨迹转换为正方形网格单元格的词元序列，作为 E2DTC 和 t2vec 的输入。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入轨迹&lt;/b&gt;：点图层（每个 GPS 定位一个点）或线图层（每个要素一条轨迹）。&lt;b&gt;轨迹 ID 字段&lt;/b&gt;：将点分组为轨迹（点图层必填；线图层默认使用要素 ID）。&lt;b&gt;时间字段&lt;/b&gt;：对点排序（日期时间、ISO 文本、纪元秒或毫秒，或数值顺序）；对于线，该字段为起始时间，除非线带有 M 值，否则各顶点依次相隔 &lt;i&gt;采样间隔&lt;/i&gt; 秒（默认 15 s，Porto）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;单元格大小&lt;/b&gt;（默认 300 m，E2DTC）：正方形单元格的边长，以网格坐标参考系单位计。&lt;b&gt;网格坐标参考系&lt;/b&gt;（默认 EPSG:3857，与 E2DTC/t2vec 相同）：投影坐标参考系。&lt;b&gt;范围&lt;/b&gt;（默认：输入数据的范围）：网格范围；范围之外的点为 UNK 词元。&lt;b&gt;热点单元格的最少访问次数&lt;/b&gt;（默认 1；t2vec 在数百万个点上使用 50）：访问次数少于该值的单元格映射到最近的热点单元格。&lt;b&gt;每个词元的最近邻单元格数&lt;/b&gt;（默认 10，E2DTC 的 K）：词表中存储的 k 近邻表的大小。&lt;b&gt;合并重复&lt;/b&gt;（默认是）：同一单元格中的连续点只生成一个词元。&lt;/p&gt;&lt;p&gt;单元格 ID = row × n_cols + col，其中 col = floor((x − xmin)/size)，row = floor((y − ymin)/size)。词元 0–3 为 PAD、BOS、EOS、UNK；单元格词元从 4 开始，按访问次数递减排列。&lt;/p&gt;&lt;p&gt;输出：&lt;b&gt;单元格&lt;/b&gt;（多边形：token、cell_id、col、row、visits、hot；按 visits 分级渲染）、&lt;b&gt;词元序列&lt;/b&gt;（每条轨迹一条线：traj_id、n_points、n_tokens、n_unk，以及以空格分隔的文本形式的 tokens）以及&lt;b&gt;词表&lt;/b&gt; JSON（网格定义、词元↔单元格对照表、带距离（米）的 k 近邻词元），供模型算法使用。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="54" />
        <source>Cell size (grid CRS units, metres)</source>
        <translation>单元格大小（网格坐标参考系单位，米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="57" />
        <source>Grid CRS</source>
        <translation>网格坐标参考系</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="58" />
        <source>Grid extent</source>
        <translation>网格范围</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="59" />
        <source>Minimum visits of a hot cell</source>
        <translation>热点单元格的最少访问次数</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="62" />
        <source>Nearest cells per token (K)</source>
        <translation>每个词元的最近邻单元格数（K）</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="73" />
        <source>CELL_SIZE must be a positive number of metres, got {0}.</source>
        <translation>CELL_SIZE 必须是以米为单位的正数，实际为 {0}。</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="76" />
        <source>GRID_CRS {0} is geographic (degrees); choose a projected CRS such as EPSG:3857 or a UTM zone.</source>
        <translation>GRID_CRS {0} 是地理坐标参考系（单位为度）；请选择投影坐标参考系，例如 EPSG:3857 或某个 UTM 分带。</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_grid.py" line="83" />
        <source>EXTENT is empty.</source>
        <translation>EXTENT 为空。</translation>
    </message>
</context>
<context>
    <name>DiscretizeH3Algorithm</name>
    <message>
        <location filename="../processing_provider/discretize_h3.py" line="24" />
        <source>Discretize trajectories to H3 hexagons</source>
        <translation>将轨迹离散化为 H3 六边形</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_h3.py" line="27" />
        <source>&lt;p&gt;Turns trajectories into sequences of H3 hexagon tokens, the units of CroTad.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input trajectories&lt;/b&gt;, &lt;b&gt;Trajectory ID field&lt;/b&gt;, &lt;b&gt;Time field&lt;/b&gt;, &lt;b&gt;Sampling interval&lt;/b&gt;: as in the grid discretization (points with an ID and time, or one line per trajectory).&lt;/p&gt;&lt;p&gt;&lt;b&gt;H3 resolution&lt;/b&gt; (default 10, CroTad on Porto, about 0.015 km² per cell; 9 for bus routes): 0–15. &lt;b&gt;Collapse repeats&lt;/b&gt; (default yes): consecutive points in one cell give one token. &lt;b&gt;Fill gaps&lt;/b&gt; (default no): when yes, consecutive non-adjacent cells are joined with the H3 grid path so that every step moves to a neighbouring cell.&lt;/p&gt;&lt;p&gt;Tokens 0–3 are PAD, BOS, EOS, UNK; cell tokens start at 4 in order of decreasing visits.&lt;/p&gt;&lt;p&gt;Outputs: &lt;b&gt;Cells&lt;/b&gt; (hexagons: token, h3 index, visits; graduated by visits), &lt;b&gt;Token sequences&lt;/b&gt; (one line per trajectory with the tokens as text) and the &lt;b&gt;Vocabulary&lt;/b&gt; JSON (resolution, token↔cell table, k-nearest tokens with distances in metres).&lt;/p&gt;</source>
        <translation>&lt;p&gt;将轨迹转换为 H3 六边形词元序列，即 CroTad 所用的单元。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入轨迹&lt;/b&gt;、&lt;b&gt;轨迹 ID 字段&lt;/b&gt;、&lt;b&gt;时间字段&lt;/b&gt;、&lt;b&gt;采样间隔&lt;/b&gt;：与网格离散化相同（带 ID 和时间的点，或每条轨迹一条线）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;H3 分辨率&lt;/b&gt;（默认 10，即 CroTad 在 Porto 上的设置，每个单元格约 0.015 km²；公交线路用 9）：0–15。&lt;b&gt;合并重复&lt;/b&gt;（默认是）：同一单元格中的连续点只生成一个词元。&lt;b&gt;填补间隙&lt;/b&gt;（默认否）：若为是，则用 H3 网格路径连接不相邻的连续单元格，使每一步都移动到相邻单元格。&lt;/p&gt;&lt;p&gt;词元 0–3 为 PAD、BOS、EOS、UNK；单元格词元从 4 开始，按访问次数递减排列。&lt;/p&gt;&lt;p&gt;输出：&lt;b&gt;单元格&lt;/b&gt;（六边形：token、h3 索引、visits；按 visits 分级渲染）、&lt;b&gt;词元序列&lt;/b&gt;（每条轨迹一条线，词元以文本形式表示）以及&lt;b&gt;词表&lt;/b&gt; JSON（分辨率、词元↔单元格对照表、带距离（米）的 k 近邻词元）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_h3.py" line="42" />
        <source>H3 resolution</source>
        <translation>H3 分辨率</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_h3.py" line="45" />
        <source>Fill gaps with the H3 grid path</source>
        <translation>用 H3 网格路径填补间隙</translation>
    </message>
    <message>
        <location filename="../processing_provider/discretize_h3.py" line="54" />
        <source>RESOLUTION must be an H3 resolution between 0 and 15 (10 for city streets), got {0}.</source>
        <translation>RESOLUTION 必须是 0 到 15 之间的 H3 分辨率（城市街道用 10），实际为 {0}。</translation>
    </message>
</context>
<context>
    <name>E2DTCApplyAlgorithm</name>
    <message>
        <location filename="../processing_provider/e2dtc_apply.py" line="25" />
        <source>E2DTC: apply a trained model</source>
        <translation>E2DTC：应用已训练的模型</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_apply.py" line="28" />
        <source>&lt;p&gt;Assigns trajectories to the clusters of a model trained with &lt;i&gt;E2DTC: train deep trajectory clustering&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Model file&lt;/b&gt;: the .e2dtc file; it carries the grid and the vocabulary it was trained with, so new trajectories are discretized exactly as the training ones (points in cells the model never saw map to their nearest hot cell or, outside the grid, to UNK).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input trajectories&lt;/b&gt;: points with a trajectory ID (and time), lines, or a token-sequence layer made with the model's vocabulary.&lt;/p&gt;&lt;p&gt;Output: &lt;b&gt;Clustered trajectories&lt;/b&gt; (lines with cluster, confidence = the largest soft assignment q, number of tokens; categorized by cluster).&lt;/p&gt;</source>
        <translation>&lt;p&gt;将轨迹分配到由&lt;i&gt;E2DTC：训练深度轨迹聚类&lt;/i&gt;训练出的模型的各个聚类中。&lt;/p&gt;&lt;p&gt;&lt;b&gt;模型文件&lt;/b&gt;：.e2dtc 文件；其中包含训练时所用的网格和词表，因此新轨迹的离散化方式与训练轨迹完全相同（落在模型从未见过的单元格中的点映射到最近的热点单元格，位于网格之外的点则映射为 UNK）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入轨迹&lt;/b&gt;：带轨迹 ID（和时间）的点、线，或使用该模型词表生成的词元序列图层。&lt;/p&gt;&lt;p&gt;输出：&lt;b&gt;已聚类的轨迹&lt;/b&gt;（线，带聚类编号、置信度 = 最大软分配 q、词元数；按聚类分类渲染）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_apply.py" line="40" />
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_apply.py" line="43" />
        <source>Clustered trajectories</source>
        <translation>已聚类的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_apply.py" line="60" />
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
</context>
<context>
    <name>E2DTCTrainAlgorithm</name>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="202" />
        <source>E2DTC: train deep trajectory clustering</source>
        <translation>E2DTC：训练深度轨迹聚类</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="238" />
        <source>Vocabulary (JSON of a grid discretization; optional)</source>
        <translation>词表（网格离散化生成的 JSON；可选）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="241" />
        <source>Cell size (metres, without a vocabulary)</source>
        <translation>单元格大小（米，未提供词表时）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="244" />
        <source>Grid CRS</source>
        <translation>网格坐标参考系</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="247" />
        <source>Hot-cell threshold (visits)</source>
        <translation>热点单元格阈值（访问次数）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="251" />
        <source>Number of clusters (0 = automatic elbow)</source>
        <translation>聚类数（0 = 按肘部法则自动选择）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="254" />
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="254" />
        <source>fast-CPU</source>
        <translation>快速 CPU</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="254" />
        <source>paper</source>
        <translation>论文设置</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="256" />
        <source>Pre-training epochs (empty = preset)</source>
        <translation>预训练轮数（留空 = 使用预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="256" />
        <source>Self-training epochs (empty = preset)</source>
        <translation>自训练轮数（留空 = 使用预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="256" />
        <source>β: weight of the clustering loss</source>
        <translation>β：聚类损失的权重</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="256" />
        <source>γ: weight of the triplet loss</source>
        <translation>γ：三元组损失的权重</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="256" />
        <source>Self-training learning rate</source>
        <translation>自训练学习率</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="256" />
        <source>Batch size (empty = preset)</source>
        <translation>批大小（留空 = 使用预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="256" />
        <source>Hidden size (even; empty = preset)</source>
        <translation>隐藏层大小（偶数；留空 = 使用预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="256" />
        <source>GRU layers (empty = preset)</source>
        <translation>GRU 层数（留空 = 使用预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="265" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="267" />
        <source>Ground-truth field (optional, for scores only)</source>
        <translation>真值字段（可选，仅用于评分）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="270" />
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="272" />
        <source>Clustered trajectories</source>
        <translation>已聚类的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="274" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="292" />
        <source>GRID_CRS must be a projected CRS (metres), such as EPSG:3857.</source>
        <translation>GRID_CRS 必须是投影坐标参考系（米），例如 EPSG:3857。</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="295" />
        <source>Reading and discretizing trajectories</source>
        <translation>正在读取并离散化轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="315" />
        <source>Training E2DTC (pre-training, k-means, self-training)</source>
        <translation>正在训练 E2DTC（预训练、k-means、自训练）</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="318" />
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="205" />
        <source>&lt;p&gt;Clusters trajectories with E2DTC (Fang et al., ICDE 2021): a t2vec sequence-to-sequence GRU learns trajectory embeddings from grid-cell sequences (pre-training with the spatial-proximity-aware loss), k-means gives initial centroids, then self-training sharpens the clusters with KL(P||Q) and a triplet loss (L = Lr + β·Lc + γ·Lt).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input trajectories&lt;/b&gt;: points with a trajectory ID (and time), lines, or the &lt;i&gt;Token sequences&lt;/i&gt; layer of &lt;i&gt;Discretize trajectories to a square grid&lt;/i&gt; together with its &lt;b&gt;Vocabulary&lt;/b&gt; file. Without a vocabulary the trajectories are discretized here with &lt;b&gt;Cell size&lt;/b&gt; (default 300 m, paper), &lt;b&gt;Grid CRS&lt;/b&gt; (EPSG:3857) and &lt;b&gt;Hot-cell threshold&lt;/b&gt; (1).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Number of clusters&lt;/b&gt; (default 12; 0 = choose with the elbow of k-means over k = 2..22, paper §VII-G). &lt;b&gt;Preset&lt;/b&gt;: fast-CPU (1-layer GRU, hidden 128, 2 pairs per trajectory: minutes on a laptop) or paper (3 layers, hidden 256, embedding 256, 16 pairs per trajectory: hours on a CPU). &lt;b&gt;Pre-training / self-training epochs&lt;/b&gt;, &lt;b&gt;Hidden size&lt;/b&gt;, &lt;b&gt;Layers&lt;/b&gt; and &lt;b&gt;Batch size&lt;/b&gt; override the preset when set. &lt;b&gt;β&lt;/b&gt; (0.1) and &lt;b&gt;γ&lt;/b&gt; (0.1) weigh the clustering and triplet losses; &lt;b&gt;Learning rate&lt;/b&gt; (1e-4) is the self-training Adam rate. &lt;b&gt;Seed&lt;/b&gt; makes runs repeatable.&lt;/p&gt;&lt;p&gt;&lt;b&gt;More trajectories for pre-training only&lt;/b&gt; (optional; points or lines, discretized on the same grid; their ID and time fields default to the input's): t2vec also learns from them, but only the input is clustered, e.g. the input is the part of an archive you want clustered and this layer is the whole archive. Trajectories whose ID is also in the input are used once. The deep model needs thousands of trajectories: with a few hundred to cluster, pre-training on more trips of the same area is the largest gain.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ground-truth field&lt;/b&gt; (optional, e.g. gt_label of &lt;i&gt;Ground-truth clusters around centres&lt;/i&gt;): the results and report then give UACC, NMI, RI and ARI, for E2DTC and for pre-training + k-means; NULL and negative labels are left out of the scores. Training never looks at it.&lt;/p&gt;&lt;p&gt;Outputs: the &lt;b&gt;Model file&lt;/b&gt; (weights, parameters and the vocabulary, to apply with &lt;i&gt;E2DTC: apply a trained model&lt;/i&gt;), &lt;b&gt;Clustered trajectories&lt;/b&gt; (lines with cluster and confidence = the largest soft assignment q; categorized by cluster) and an HTML &lt;b&gt;Report&lt;/b&gt; with the loss curves, the share of changed assignments, the elbow curve and the scores. Training runs in the background and can be cancelled: no model file is written then.&lt;/p&gt;</source>
        <translation>&lt;p&gt;使用 E2DTC（Fang et al., ICDE 2021）对轨迹进行聚类：t2vec 序列到序列 GRU 从网格单元格序列中学习轨迹嵌入（预训练使用空间邻近感知损失），k-means 给出初始质心，随后自训练借助 KL(P||Q) 和三元组损失使聚类更加分明（L = Lr + β·Lc + γ·Lt）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入轨迹&lt;/b&gt;：带轨迹 ID（和时间）的点、线，或&lt;i&gt;将轨迹离散化为正方形网格&lt;/i&gt;输出的&lt;i&gt;词元序列&lt;/i&gt;图层及其&lt;b&gt;词表&lt;/b&gt;文件。未提供词表时，在此按&lt;b&gt;单元格大小&lt;/b&gt;（默认 300 m，论文取值）、&lt;b&gt;网格坐标参考系&lt;/b&gt;（EPSG:3857）和&lt;b&gt;热点单元格阈值&lt;/b&gt;（1）对轨迹进行离散化。&lt;/p&gt;&lt;p&gt;&lt;b&gt;聚类数&lt;/b&gt;（默认 12；0 = 在 k = 2..22 范围内按 k-means 的肘部法则自动选择，见论文 §VII-G）。&lt;b&gt;预设&lt;/b&gt;：快速 CPU（1 层 GRU，隐藏层大小 128，每条轨迹 2 对：在笔记本电脑上需数分钟）或论文设置（3 层，隐藏层大小 256，嵌入维度 256，每条轨迹 16 对：在 CPU 上需数小时）。设置了&lt;b&gt;预训练 / 自训练轮数&lt;/b&gt;、&lt;b&gt;隐藏层大小&lt;/b&gt;、&lt;b&gt;层数&lt;/b&gt;和&lt;b&gt;批大小&lt;/b&gt;时，将覆盖预设值。&lt;b&gt;β&lt;/b&gt;（0.1）和 &lt;b&gt;γ&lt;/b&gt;（0.1）分别是聚类损失和三元组损失的权重；&lt;b&gt;学习率&lt;/b&gt;（1e-4）是自训练中 Adam 优化器的学习率。&lt;b&gt;随机种子&lt;/b&gt;使运行结果可复现。&lt;/p&gt;&lt;p&gt;&lt;b&gt;仅用于预训练的更多轨迹&lt;/b&gt;（可选；点或线，在同一网格上离散化；其 ID 和时间字段默认与输入相同）：t2vec 也从这些轨迹中学习，但只对输入进行聚类，例如输入是档案中需要聚类的部分，而该图层是整个档案。ID 同时出现在输入中的轨迹只使用一次。深度模型需要数千条轨迹：当需要聚类的轨迹只有几百条时，在同一区域的更多行程上预训练带来的提升最大。&lt;/p&gt;&lt;p&gt;&lt;b&gt;真值字段&lt;/b&gt;（可选，例如&lt;i&gt;围绕中心的真值聚类&lt;/i&gt;输出的 gt_label）：设置后，结果和报告会给出 E2DTC 以及预训练 + k-means 的 UACC、NMI、RI 和 ARI；NULL 和负值标签不计入评分。训练过程从不使用该字段。&lt;/p&gt;&lt;p&gt;输出：&lt;b&gt;模型文件&lt;/b&gt;（权重、参数和词表，可通过&lt;i&gt;E2DTC：应用已训练的模型&lt;/i&gt;使用）、&lt;b&gt;已聚类的轨迹&lt;/b&gt;（线，带聚类编号和置信度 = 最大软分配 q；按聚类分类渲染）以及 HTML &lt;b&gt;报告&lt;/b&gt;（包含损失曲线、分配变化比例、肘部曲线和评分）。训练在后台运行，可以取消：取消时不会写入模型文件。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/e2dtc_train.py" line="266" />
        <source>More trajectories for pre-training only (optional)</source>
        <translation>仅用于预训练的更多轨迹（可选）</translation>
    </message>
</context>
<context>
    <name>EcoAlgorithm</name>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="51" />
        <source>Evolutionary clustering of streaming trajectories (ECO)</source>
        <translation>流式轨迹的演化聚类（ECO）</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="54" />
        <source>&lt;p&gt;Clusters moving objects time step by time step so that clusters change smoothly: ECO (Li, Chen, Jensen, Pedersen, Hu, arXiv 2109.11609). Objects that jump away from their minimal group for a moment are moved back towards its most smoothly moving member (under the speed limit) before DBSCAN, and cluster ids are carried from step to step, so the output can be animated with the temporal controller.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input points&lt;/b&gt; (INPUT) with an &lt;b&gt;object ID&lt;/b&gt; (TRAJ_ID_FIELD: vehicle, vessel, person) and a &lt;b&gt;time&lt;/b&gt; (TIME_FIELD, required).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Time step Δt&lt;/b&gt; (DELTA_T, seconds, 0 = the data's median sampling interval) and &lt;b&gt;start time&lt;/b&gt; (START_TIME, default the earliest record): time is cut into steps; an object keeps its earliest record per step; a snapshot is the set of objects seen at a step. Records before the start are ignored.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Speed limit μ&lt;/b&gt; (SPEED_LIMIT, m/s, default 35): no adjustment moves an object further from its previous location than μ × the time between them; locations breaking it are first moved onto that circle. &lt;b&gt;ε&lt;/b&gt; (EPS, m, default 600) and &lt;b&gt;minPts&lt;/b&gt; (MIN_PTS, default 5, paper range 2–10): DBSCAN, a point counting itself. &lt;b&gt;δ&lt;/b&gt; (DELTA, m, default 400, ≤ ε, paper 200–800) and &lt;b&gt;ρ&lt;/b&gt; (RHO, default 5, paper 4–8): a minimal group is a seed with at least ρ objects within δ and the objects nearest to it. &lt;b&gt;α&lt;/b&gt; (ALPHA, default 0.5, paper 0.1–0.9): weight of history against fidelity to the data. &lt;b&gt;Adapt ε&lt;/b&gt; (ADAPT_EPS, default yes): ε moves by Δε (EPS_STEP, advanced, 50 m) towards higher modularity once per step (iterated at the first step). &lt;b&gt;Metric CRS&lt;/b&gt; (CRS, advanced, default: the UTM zone of the data). &lt;b&gt;Method&lt;/b&gt; (METHOD): 0 ECO, 1 DBSCAN per snapshot (no smoothing), 2 Kim–Han-style distance smoothing, for comparison. &lt;b&gt;QS radius&lt;/b&gt; (QS_RADIUS, advanced, m, default 1000, 0 = off): the neighbour graph on which the per-step modularity QS is reported.&lt;/p&gt;&lt;p&gt;Outputs: &lt;b&gt;Clustered points&lt;/b&gt; (OUTPUT: obj_id, step, step_start, step_end, time, orig_x/orig_y and adj_x/adj_y in the layer CRS, cluster (−1 = noise, ids stable across steps), role (core, border, noise), seed, smoothed; the point sits at the adjusted location; categorized by cluster with temporal properties from step_start/step_end). &lt;b&gt;Cluster events&lt;/b&gt; (OUTPUT_EVENTS: step, cluster, event = form, evolve, split, merge or dissolve, related clusters). &lt;b&gt;Steps&lt;/b&gt; (OUTPUT_STEPS: objects, clusters, QS, NMI with the previous step over the objects seen at both, ε used, processing ms per record).&lt;/p&gt;</source>
        <translation>&lt;p&gt;逐个时间步对移动对象聚类，使聚类平滑地变化：ECO（Li、Chen、Jensen、Pedersen、Hu，arXiv 2109.11609）。短暂偏离其最小组的对象在 DBSCAN 之前（在速度限制内）被拉回到组内移动最平稳的成员附近，聚类编号在各时间步之间延续，因此输出可以用时间控制器播放动画。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入点&lt;/b&gt;（INPUT），带&lt;b&gt;对象 ID&lt;/b&gt;（TRAJ_ID_FIELD：车辆、船舶、人员）和&lt;b&gt;时间&lt;/b&gt;（TIME_FIELD，必填）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;时间步 Δt&lt;/b&gt;（DELTA_T，秒，0 = 数据的采样间隔中位数）和&lt;b&gt;起始时间&lt;/b&gt;（START_TIME，默认最早的记录）：时间被切分为时间步；每个对象在每个时间步保留最早的一条记录；快照是某一时间步出现的对象集合。起始时间之前的记录被忽略。&lt;/p&gt;&lt;p&gt;&lt;b&gt;速度限制 μ&lt;/b&gt;（SPEED_LIMIT，m/s，默认 35）：任何调整都不会使对象离其上一位置超过 μ × 两者之间的时间；违反该限制的位置先被移到该圆上。&lt;b&gt;ε&lt;/b&gt;（EPS，米，默认 600）和 &lt;b&gt;minPts&lt;/b&gt;（MIN_PTS，默认 5，论文范围 2–10）：DBSCAN，点计入自身。&lt;b&gt;δ&lt;/b&gt;（DELTA，米，默认 400，≤ ε，论文 200–800）和 &lt;b&gt;ρ&lt;/b&gt;（RHO，默认 5，论文 4–8）：最小组由一个在 δ 内至少有 ρ 个对象的种子点及离它最近的对象组成。&lt;b&gt;α&lt;/b&gt;（ALPHA，默认 0.5，论文 0.1–0.9）：历史相对于数据保真度的权重。&lt;b&gt;自适应 ε&lt;/b&gt;（ADAPT_EPS，默认是）：ε 每个时间步按 Δε（EPS_STEP，高级，50 米）向模块度更高的方向移动一次（第一个时间步迭代进行）。&lt;b&gt;米制坐标参考系&lt;/b&gt;（CRS，高级，默认：数据所在的 UTM 分带）。&lt;b&gt;方法&lt;/b&gt;（METHOD）：0 ECO，1 逐快照 DBSCAN（不平滑），2 Kim–Han 式距离平滑，用于比较。&lt;b&gt;QS 半径&lt;/b&gt;（QS_RADIUS，高级，米，默认 1000，0 = 关闭）：报告每个时间步模块度 QS 所用的邻居图。&lt;/p&gt;&lt;p&gt;输出：&lt;b&gt;聚类点&lt;/b&gt;（OUTPUT：obj_id、step、step_start、step_end、time、图层坐标参考系下的 orig_x/orig_y 和 adj_x/adj_y、cluster（−1 = 噪声，编号跨时间步稳定）、role（core、border、noise）、seed、smoothed；点位于调整后的位置；按聚类分类渲染，时间属性取自 step_start/step_end）。&lt;b&gt;聚类事件&lt;/b&gt;（OUTPUT_EVENTS：step、cluster、event = form、evolve、split、merge 或 dissolve，相关聚类）。&lt;b&gt;时间步&lt;/b&gt;（OUTPUT_STEPS：对象数、聚类数、QS、与上一时间步在两步都出现的对象上的 NMI、所用 ε、每条记录的处理毫秒数）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="85" />
        <source>Time step Δt (seconds, 0 = median sampling interval)</source>
        <translation>时间步 Δt（秒，0 = 采样间隔中位数）</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="87" />
        <source>Start time (default: earliest record)</source>
        <translation>起始时间（默认：最早的记录）</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="89" />
        <source>Speed limit μ (m/s)</source>
        <translation>速度限制 μ（m/s）</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="90" />
        <source>DBSCAN ε (m)</source>
        <translation>DBSCAN ε（米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="91" />
        <source>DBSCAN minPts</source>
        <translation>DBSCAN minPts</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="92" />
        <source>Minimal group radius δ (m, at most ε)</source>
        <translation>最小组半径 δ（米，不超过 ε）</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="94" />
        <source>Minimal group size ρ</source>
        <translation>最小组大小 ρ</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="95" />
        <source>History weight α</source>
        <translation>历史权重 α</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="96" />
        <source>Adapt ε by modularity</source>
        <translation>按模块度自适应 ε</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="98" />
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="98" />
        <source>ECO</source>
        <translation>ECO</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="98" />
        <source>DBSCAN per snapshot</source>
        <translation>逐快照 DBSCAN</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="98" />
        <source>Kim–Han distance smoothing</source>
        <translation>Kim–Han 距离平滑</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="101" />
        <source>ε step Δε (m)</source>
        <translation>ε 步长 Δε（米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="101" />
        <source>QS radius (m, 0 = do not report QS)</source>
        <translation>QS 半径（米，0 = 不报告 QS）</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="101" />
        <source>Metric CRS (default: UTM zone of the data)</source>
        <translation>度量坐标参考系（默认：数据所在的 UTM 分带）</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="108" />
        <source>Clustered points</source>
        <translation>聚类点</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="110" />
        <source>Cluster events</source>
        <translation>聚类事件</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="112" />
        <source>Steps</source>
        <translation>时间步</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="120" />
        <source>INPUT: only {0} object found with TRAJ_ID_FIELD; clustering needs at least 2 moving objects (check that the ID field identifies objects, not the whole layer).</source>
        <translation>INPUT：按 TRAJ_ID_FIELD 只找到 {0} 个对象；聚类至少需要 2 个移动对象（请检查 ID 字段标识的是对象，而不是整个图层）。</translation>
    </message>
    <message>
        <location filename="../processing_provider/eco_clustering.py" line="137" />
        <source>All records fall into one time step (Δt {0:g} s ≥ the {1} s the data spans): the result is a single snapshot clustering, without smoothing. Lower DELTA_T for a stream.</source>
        <translation>所有记录都落在同一个时间步内（Δt {0:g} 秒 ≥ 数据跨越的 {1} 秒）：结果是单个快照的聚类，没有平滑。请减小 DELTA_T 以得到流。</translation>
    </message>
</context>
<context>
    <name>EmbeddingExplorer</name>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="234" />
        <source>Embedding explorer</source>
        <translation>嵌入浏览器</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="255" />
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="258" />
        <source>Y</source>
        <translation>Y</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="260" />
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="261" />
        <source>Colour by</source>
        <translation>着色依据</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="266" />
        <source>Box</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="267" />
        <source>Drag a rectangle around points to select them (Shift adds to the selection)</source>
        <translation>拖出矩形框选其中的点（按住 Shift 添加到当前选择）</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="270" />
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="271" />
        <source>Draw a free-hand outline around points to select them (Shift adds to the selection)</source>
        <translation>徒手绘制轮廓圈选其中的点（按住 Shift 添加到当前选择）</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="282" />
        <source>Heatmap of selection</source>
        <translation>所选要素热力图</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="283" />
        <source>Show the vertices of the selected features as a heatmap layer above the source layer</source>
        <translation>将所选要素的顶点显示为热力图图层，置于源图层之上</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="294" />
        <source>Heatmap radius</source>
        <translation>热力图半径</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="298" />
        <source>Zoom map to selection</source>
        <translation>地图缩放至所选要素</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="375" />
        <source>and {0} more</source>
        <translation>另有 {0} 项</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="386" />
        <source>{0} of {1} selected</source>
        <translation>已选择 {0} / {1}</translation>
    </message>
    <message>
        <location filename="../plugin/embedding_explorer.py" line="459" />
        <source>Heatmap of selected embeddings</source>
        <translation>所选嵌入的热力图</translation>
    </message>
    <message>
        <location filename="../plugin/scatter_plot.py" line="463" />
        <source>Feature {0}: ({1}, {2})</source>
        <translation>要素 {0}：({1}, {2})</translation>
    </message>
    <message>
        <location filename="../plugin/scatter_plot.py" line="521" />
        <source>No points to show</source>
        <translation>没有可显示的点</translation>
    </message>
</context>
<context>
    <name>FlaggedSegments</name>
    <message>
        <location filename="../plugin/flagged_segments.py" line="266" />
        <source>Trajectory</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="572" />
        <source>OD</source>
        <translation>OD</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="570" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="266" />
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="266" />
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="266" />
        <source>Points</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="266" />
        <source>Votes</source>
        <translation>投票</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="266" />
        <source>Length (m)</source>
        <translation>长度（米）</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="266" />
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="278" />
        <source>Origin-destination pair of the trajectory</source>
        <translation>轨迹的起讫点（OD）对</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="279" />
        <source>Ground-truth anomaly type (when the input came from Synthetic anomalies)</source>
        <translation>真实异常类型（当输入来自“合成异常”时）</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="281" />
        <source>Mean number of anomalous votes of the segment's cells</source>
        <translation>片段内单元格获得的异常投票的平均数</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="283" />
        <source>Length on the ellipsoid of the layer CRS, in metres</source>
        <translation>在图层坐标参考系的椭球面上量测的长度（米）</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="285" />
        <source>Checked: confirmed anomaly; unchecked after a review: false positive</source>
        <translation>勾选：确认为异常；审核后取消勾选：误报</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="375" />
        <source>Not reviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="407" />
        <source>Confirmed anomaly</source>
        <translation>已确认异常</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="409" />
        <source>False positive</source>
        <translation>误报</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="534" />
        <source>Flagged segments</source>
        <translation>标记的片段</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="554" />
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="555" />
        <source>Read the segments of the layer again</source>
        <translation>重新读取图层中的片段</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="561" />
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="750" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="575" />
        <source>Show normal segments too</source>
        <translation>同时显示正常片段</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="576" />
        <source>Zoom map to selection</source>
        <translation>地图缩放至所选要素</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="604" />
        <source>Confirm anomaly</source>
        <translation>确认异常</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="605" />
        <source>Mark the selected segments as confirmed anomalies (reviewed = 1)</source>
        <translation>将所选片段标记为已确认异常（reviewed = 1）</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="607" />
        <source>Mark false positive</source>
        <translation>标记为误报</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="608" />
        <source>Mark the selected segments as false positives (reviewed = 0)</source>
        <translation>将所选片段标记为误报（reviewed = 0）</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="610" />
        <source>Clear review</source>
        <translation>清除审核</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="611" />
        <source>Forget the review of the selected segments (reviewed = NULL)</source>
        <translation>清除所选片段的审核结果（reviewed = NULL）</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="613" />
        <source>Zoom to selection</source>
        <translation>缩放至所选</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="681" />
        <source>Choose a line layer with traj_id and label fields, such as the segments output of deeptraj:crotaddetect.</source>
        <translation>请选择带有 traj_id 和 label 字段的线图层，例如 deeptraj:crotaddetect 输出的片段图层。</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="687" />
        <source>{0} is not a segments layer: it needs to be a line layer with the fields traj_id and label (the segments output of deeptraj:crotaddetect).</source>
        <translation>{0} 不是片段图层：需要是带有 traj_id 和 label 字段的线图层（deeptraj:crotaddetect 输出的片段）。</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="895" />
        <source>The layer has no writable reviewed field: reviews cannot be saved.</source>
        <translation>该图层没有可写的 reviewed 字段：无法保存审核结果。</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="752" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="904" />
        <source>{0} cannot be edited: the review was not saved.</source>
        <translation>{0} 无法编辑：审核结果未保存。</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="911" />
        <source>Review flagged segments</source>
        <translation>审核标记的片段</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="928" />
        <source>the layer refused the change</source>
        <translation>图层拒绝了该修改</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="930" />
        <source>Could not save the review: {0}</source>
        <translation>无法保存审核结果：{0}</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="937" />
        <source>Review kept in the layer's edit buffer: save the layer edits to keep it.</source>
        <translation>审核结果保存在图层的编辑缓冲区中：请保存图层编辑以保留。</translation>
    </message>
    <message>
        <location filename="../plugin/flagged_segments.py" line="993" />
        <source>{0} of {1} segments shown</source>
        <translation>显示 {0} / {1} 个片段</translation>
    </message>
</context>
<context>
    <name>GroundTruthClustersAlgorithm</name>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="42" />
        <source>Ground-truth clusters around centres</source>
        <translation>围绕中心的真值聚类</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="45" />
        <source>&lt;p&gt;Labels trajectories with the cluster of the centre they stay around: Algorithm 2 of E2DTC (Fang et al., ICDE 2021), used to make clustering ground truth.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input trajectories&lt;/b&gt;, &lt;b&gt;Trajectory ID field&lt;/b&gt;, &lt;b&gt;Time field&lt;/b&gt;: points with an ID (and time), or one line per trajectory.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Centres&lt;/b&gt; (optional point layer; their feature order is the centre order): the cluster centres, e.g. POIs. When empty, &lt;b&gt;Number of centres&lt;/b&gt; (default 12, as E2DTC on GeoLife) frequently visited and well-separated places are picked automatically (cells ranked by the number of distinct trajectories visiting them; greedy choice with the largest separation that still yields that many centres).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Radius ratio σ&lt;/b&gt; (default 0.6, paper): radius = σ × the minimum distance between two centres. &lt;b&gt;Fallen threshold λ&lt;/b&gt; (default 0.7, paper): a trajectory joins the first centre, in centre order, holding at least this share of its points. &lt;b&gt;Keep unassigned&lt;/b&gt; (default no): also write trajectories without a cluster (gt_label −1). &lt;b&gt;Metric CRS&lt;/b&gt; (advanced, default: the UTM zone of the data): where distances are measured.&lt;/p&gt;&lt;p&gt;Outputs: &lt;b&gt;Labelled trajectories&lt;/b&gt; (lines: traj_id, gt_label, fallen_rate, n_points; categorized by label) and &lt;b&gt;Centres&lt;/b&gt; (circles of the radius with label and size).&lt;/p&gt;</source>
        <translation>&lt;p&gt;按轨迹停留所围绕的中心为轨迹标注聚类：即 E2DTC（Fang et al., ICDE 2021）中的算法 2，用于生成聚类真值。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入轨迹&lt;/b&gt;、&lt;b&gt;轨迹 ID 字段&lt;/b&gt;、&lt;b&gt;时间字段&lt;/b&gt;：带 ID（和时间）的点，或每条轨迹一条线。&lt;/p&gt;&lt;p&gt;&lt;b&gt;中心&lt;/b&gt;（可选点图层；其要素顺序即中心顺序）：聚类中心，例如兴趣点（POI）。若为空，则自动选取 &lt;b&gt;中心数量&lt;/b&gt;（默认 12，与 E2DTC 在 GeoLife 上的设置相同）个访问频繁且相互分隔良好的地点（按访问单元格的不同轨迹数对单元格排序；采用贪心选择，在仍能得到该数量中心的前提下取最大间隔）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;半径比 σ&lt;/b&gt;（默认 0.6，论文取值）：半径 = σ × 两个中心之间的最小距离。&lt;b&gt;落入阈值 λ&lt;/b&gt;（默认 0.7，论文取值）：轨迹归入按中心顺序第一个包含其至少该比例点的中心。&lt;b&gt;保留未分配&lt;/b&gt;（默认否）：同时输出没有聚类的轨迹（gt_label −1）。&lt;b&gt;度量坐标参考系&lt;/b&gt;（高级，默认：数据所在的 UTM 分带）：测量距离所用的坐标参考系。&lt;/p&gt;&lt;p&gt;输出：&lt;b&gt;已标注的轨迹&lt;/b&gt;（线：traj_id、gt_label、fallen_rate、n_points；按标签分类渲染）和&lt;b&gt;中心&lt;/b&gt;（以该半径绘制的圆，带标签和聚类规模）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="64" />
        <source>Centres (points, in centre order)</source>
        <translation>中心（点，按中心顺序）</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="67" />
        <source>Number of centres (when no centre layer is given)</source>
        <translation>中心数量（未提供中心图层时）</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="70" />
        <source>Radius ratio σ</source>
        <translation>半径比 σ</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="73" />
        <source>Fallen threshold λ</source>
        <translation>落入阈值 λ</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="76" />
        <source>Keep unassigned trajectories</source>
        <translation>保留未分配的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="78" />
        <source>Metric CRS (default: UTM zone of the data)</source>
        <translation>度量坐标参考系（默认：数据所在的 UTM 分带）</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="82" />
        <source>Labelled trajectories</source>
        <translation>已标注的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="84" />
        <source>Cluster centres</source>
        <translation>聚类中心</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="98" />
        <source>CENTERS: at least 2 centre points are needed, found {0}.</source>
        <translation>CENTERS：至少需要 2 个中心点，实际找到 {0} 个。</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="109" />
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing_provider/ground_truth_clusters.py" line="159" />
        <source>Centres {0} hold no trajectory: the ground truth has {1} clusters, not {2}. Cluster with N_CLUSTERS = {1} (N_NONEMPTY_CLUSTERS in the results), or move or drop those centres.</source>
        <translation>中心 {0} 没有任何轨迹：真值只有 {1} 个簇，而不是 {2} 个。请用 N_CLUSTERS = {1}（结果中的 N_NONEMPTY_CLUSTERS）进行聚类，或移动、删除这些中心。</translation>
    </message>
</context>
<context>
    <name>ImportTrajectoriesAlgorithm</name>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="105" />
        <source>Import trajectory file (CSV, Porto, GeoLife, LYMob)</source>
        <translation>导入轨迹文件（CSV、Porto、GeoLife、LYMob）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="108" />
        <source>&lt;p&gt;Imports a trajectory file as a point layer (one feature per GPS fix, in file order) and, optionally, one LineStringM per trajectory. The file is read in chunks, so files with millions of points import with little memory; progress follows the position in the file and Cancel stops between chunks (output files this run created are then removed).&lt;/p&gt;&lt;p&gt;&lt;b&gt;File&lt;/b&gt; (FILE): the CSV (.csv or gzip-compressed .csv.gz), or for GeoLife a folder or any .plt file inside the tree.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Format&lt;/b&gt; (FORMAT, default generic points CSV):&lt;br&gt;&lt;i&gt;Generic points CSV&lt;/i&gt;: one row per point; uses X/Y/ID/time fields, Delimiter and CRS below; every column except X and Y is kept.&lt;br&gt;&lt;i&gt;Porto taxi CSV&lt;/i&gt; (ECML/PKDD 2015: TRIP_ID, CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND, TAXI_ID, TIMESTAMP, DAY_TYPE, MISSING_DATA, POLYLINE): one trajectory per TRIP_ID, point k of POLYLINE [[lon,lat],...] at TIMESTAMP + 15 s &amp;times; k (column seq = k); trips with an empty POLYLINE are skipped and counted; the other columns are kept; always WGS 84.&lt;br&gt;&lt;i&gt;GeoLife .plt folder tree&lt;/i&gt; (GeoLife 1.3: &amp;lt;Data&amp;gt;/&amp;lt;user&amp;gt;/Trajectory/*.plt, 6 header lines then lat,lon,0,altitude in feet,days,date,time): the Data folder, a user folder or any .plt inside (a .plt file stands for the whole tree); trajectory id = &amp;lt;user&amp;gt;_&amp;lt;file name&amp;gt;; columns user_id, lat, lon, alt_ft; always WGS 84. The flattened geolife_points.csv.gz is a generic CSV (ID field &lt;tt&gt;user_id,traj_id&lt;/tt&gt;, time field t_utc).&lt;br&gt;&lt;i&gt;LYMob-4Cities / YJMob100K&lt;/i&gt; (uid,d,t,x,y: 1-based cells of a 200&amp;times;200 grid of 500 m, t = 30-minute slot 0..47, d = day index): point at the cell centre ORIGIN + (cell &amp;minus; 0.5) &amp;times; CELL_SIZE, time = START_DATE + d days + 30 min &amp;times; t; one trajectory per uid; masked records (x or y = 999, no location) are skipped and counted; columns uid, d, t, x, y and day (date).&lt;/p&gt;&lt;p&gt;&lt;b&gt;X field / Y field&lt;/b&gt; (X_FIELD, Y_FIELD, generic; default empty = first of lon, longitude, lng, long, x, easting / lat, latitude, y, northing, case-insensitive). Rows without numeric coordinates are skipped and counted.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Trajectory ID field(s)&lt;/b&gt; (ID_FIELD, generic; default empty = first of traj_id, trajectory_id, track_id, trip_id, tid, vehicle_id, taxi_id, mmsi, user_id, uid, id; none found: the whole file is one trajectory). Several comma-separated columns (e.g. &lt;tt&gt;user_id,traj_id&lt;/tt&gt;) are joined with '_' into one id. Ids are read as text (leading zeros kept); rows without id are skipped and counted.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Time field&lt;/b&gt; (TIME_FIELD, generic; default empty = first of time, timestamp, datetime, date_time, t_utc, t_unix, when, t; none: no time): ISO 8601 / date-time text (UTC when no zone is given) or epoch seconds/milliseconds. Unreadable times are left empty and counted.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Delimiter&lt;/b&gt; (DELIMITER, generic, default ','; \t or tab for tab-separated).&lt;/p&gt;&lt;p&gt;&lt;b&gt;CRS&lt;/b&gt; (CRS, default EPSG:4326): the CRS of the generic CSV coordinates, or for LYMob the projected (metric) CRS of the grid; ignored by Porto and GeoLife (WGS 84).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grid origin X / Y&lt;/b&gt; (ORIGIN_X, ORIGIN_Y, LYMob, default 0): lower-left corner of the grid in CRS units. &lt;b&gt;Cell size&lt;/b&gt; (CELL_SIZE, LYMob, default 500, the dataset's 500 m cells). &lt;b&gt;Start date&lt;/b&gt; (START_DATE, LYMob, default 2024-01-01 00:00 UTC): the date of day d = 0 (the dataset hides the real dates).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Points&lt;/b&gt; (OUTPUT): traj_id, time (date-time, UTC) and the kept columns (a column named traj_id, time or fid is renamed src_&amp;lt;name&amp;gt;), in file order. &lt;b&gt;Trajectory lines&lt;/b&gt; (OUTPUT_LINES, optional): one LineStringM per trajectory with M = epoch seconds (plain LineString without time) and traj_id, n_points, start_time, end_time; here the cleaning rules apply: points sorted by time, repeated times and points without time dropped, trajectories with fewer than 2 points skipped. Lines keep the points in memory (28 bytes per point, plus sorting arrays: about 0.35 GB for 1.4 million points); leave them out for huge files.&lt;/p&gt;&lt;p&gt;Results: N_POINTS, N_TRAJECTORIES, N_ROWS, the skip counts, N_UNSORTED_TRAJECTORIES (time goes back in file order), N_LINES, and from the lines only N_DUPLICATE_TIMES and N_SKIPPED_SHORT_TRAJECTORIES (0 without OUTPUT_LINES).&lt;/p&gt;</source>
        <translation>&lt;p&gt;将轨迹文件导入为点图层（每个 GPS 定位一个要素，按文件顺序），并可选地为每条轨迹生成一个 LineStringM。文件按块读取，因此包含数百万个点的文件也只需很少内存即可导入；进度跟随文件中的读取位置，“取消”会在两个块之间停止（随后删除本次运行创建的输出文件）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;文件&lt;/b&gt;（FILE）：CSV 文件（.csv 或 gzip 压缩的 .csv.gz）；对于 GeoLife，可以是文件夹或目录树中的任意 .plt 文件。&lt;/p&gt;&lt;p&gt;&lt;b&gt;格式&lt;/b&gt;（FORMAT，默认为通用点 CSV）：&lt;br&gt;&lt;i&gt;通用点 CSV&lt;/i&gt;：每行一个点；使用下方的 X/Y/ID/时间字段、分隔符和坐标参考系；保留除 X 和 Y 以外的所有列。&lt;br&gt;&lt;i&gt;Porto 出租车 CSV&lt;/i&gt;（ECML/PKDD 2015：TRIP_ID, CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND, TAXI_ID, TIMESTAMP, DAY_TYPE, MISSING_DATA, POLYLINE）：每个 TRIP_ID 一条轨迹，POLYLINE [[lon,lat],...] 的第 k 个点的时间为 TIMESTAMP + 15 s &amp;times; k（列 seq = k）；POLYLINE 为空的行程会被跳过并计数；保留其他列；始终为 WGS 84。&lt;br&gt;&lt;i&gt;GeoLife .plt 文件夹树&lt;/i&gt;（GeoLife 1.3：&amp;lt;Data&amp;gt;/&amp;lt;user&amp;gt;/Trajectory/*.plt，6 行表头，随后为 lat,lon,0,altitude in feet,days,date,time）：Data 文件夹、某个用户文件夹或其中任意 .plt 文件（一个 .plt 文件代表整个目录树）；轨迹 ID = &amp;lt;user&amp;gt;_&amp;lt;file name&amp;gt;；列为 user_id, lat, lon, alt_ft；始终为 WGS 84。展平后的 geolife_points.csv.gz 是通用 CSV（ID 字段 &lt;tt&gt;user_id,traj_id&lt;/tt&gt;，时间字段 t_utc）。&lt;br&gt;&lt;i&gt;LYMob-4Cities / YJMob100K&lt;/i&gt;（uid,d,t,x,y：200&amp;times;200、单元格为 500 m 的网格中从 1 开始编号的单元格，t = 30 分钟时段 0..47，d = 天序号）：点位于单元格中心 ORIGIN + (cell &amp;minus; 0.5) &amp;times; CELL_SIZE，时间 = START_DATE + d 天 + 30 min &amp;times; t；每个 uid 一条轨迹；被屏蔽的记录（x 或 y = 999，无位置）会被跳过并计数；列为 uid, d, t, x, y 和 day（日期）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;X 字段 / Y 字段&lt;/b&gt;（X_FIELD, Y_FIELD，通用格式；默认留空 = 取 lon, longitude, lng, long, x, easting / lat, latitude, y, northing 中第一个存在的，不区分大小写）。没有数值坐标的行会被跳过并计数。&lt;/p&gt;&lt;p&gt;&lt;b&gt;轨迹 ID 字段&lt;/b&gt;（ID_FIELD，通用格式；默认留空 = 取 traj_id, trajectory_id, track_id, trip_id, tid, vehicle_id, taxi_id, mmsi, user_id, uid, id 中第一个存在的；均未找到：整个文件为一条轨迹）。多个以逗号分隔的列（例如 &lt;tt&gt;user_id,traj_id&lt;/tt&gt;）用 '_' 连接为一个 ID。ID 按文本读取（保留前导零）；没有 ID 的行会被跳过并计数。&lt;/p&gt;&lt;p&gt;&lt;b&gt;时间字段&lt;/b&gt;（TIME_FIELD，通用格式；默认留空 = 取 time, timestamp, datetime, date_time, t_utc, t_unix, when, t 中第一个存在的；均无：无时间）：ISO 8601 / 日期时间文本（未给出时区时按 UTC）或纪元秒/毫秒。无法读取的时间留空并计数。&lt;/p&gt;&lt;p&gt;&lt;b&gt;分隔符&lt;/b&gt;（DELIMITER，通用格式，默认 ','；制表符分隔请用 \t 或 tab）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;坐标参考系&lt;/b&gt;（CRS，默认 EPSG:4326）：通用 CSV 坐标的坐标参考系，对于 LYMob 则为网格的投影（米制）坐标参考系；Porto 和 GeoLife 忽略此项（WGS 84）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;网格原点 X / Y&lt;/b&gt;（ORIGIN_X, ORIGIN_Y，LYMob，默认 0）：网格左下角，以坐标参考系单位计。&lt;b&gt;单元格大小&lt;/b&gt;（CELL_SIZE，LYMob，默认 500，即该数据集的 500 m 单元格）。&lt;b&gt;起始日期&lt;/b&gt;（START_DATE，LYMob，默认 2024-01-01 00:00 UTC）：第 d = 0 天的日期（该数据集隐藏了真实日期）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;点&lt;/b&gt;（OUTPUT）：traj_id、time（日期时间，UTC）以及保留的列（名为 traj_id、time 或 fid 的列重命名为 src_&amp;lt;name&amp;gt;），按文件顺序。&lt;b&gt;轨迹线&lt;/b&gt;（OUTPUT_LINES，可选）：每条轨迹一个 LineStringM，M = 纪元秒（无时间时为普通 LineString），并带有 traj_id、n_points、start_time、end_time；此处应用清洗规则：点按时间排序，丢弃重复时间和无时间的点，跳过少于 2 个点的轨迹。生成线时点会保存在内存中（每个点 28 字节，外加排序数组：140 万个点约 0.35 GB）；对于超大文件请不要输出线。&lt;/p&gt;&lt;p&gt;结果：N_POINTS、N_TRAJECTORIES、N_ROWS、各项跳过计数、N_UNSORTED_TRAJECTORIES（按文件顺序时间出现回退的轨迹）、N_LINES，以及仅由线得出的 N_DUPLICATE_TIMES 和 N_SKIPPED_SHORT_TRAJECTORIES（未输出 OUTPUT_LINES 时为 0）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="160" />
        <source>Trajectory file (or GeoLife folder / .plt file)</source>
        <translation>轨迹文件（或 GeoLife 文件夹 / .plt 文件）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="160" />
        <source>Trajectory files (*.csv *.gz *.txt *.tsv *.plt);;All files (*)</source>
        <translation>轨迹文件 (*.csv *.gz *.txt *.tsv *.plt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="164" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="164" />
        <source>Generic points CSV (.csv, .csv.gz)</source>
        <translation>通用点 CSV（.csv、.csv.gz）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="164" />
        <source>Porto taxi CSV (ECML/PKDD 2015)</source>
        <translation>Porto 出租车 CSV（ECML/PKDD 2015）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="164" />
        <source>GeoLife .plt folder tree</source>
        <translation>GeoLife .plt 文件夹树</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="164" />
        <source>LYMob-4Cities / YJMob100K grid CSV</source>
        <translation>LYMob-4Cities / YJMob100K 网格 CSV</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="168" />
        <source>X / longitude field (generic; empty = auto-detect)</source>
        <translation>X / 经度字段（通用格式；留空 = 自动检测）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="168" />
        <source>Y / latitude field (generic; empty = auto-detect)</source>
        <translation>Y / 纬度字段（通用格式；留空 = 自动检测）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="168" />
        <source>Trajectory ID field(s), comma-separated (generic; empty = auto-detect)</source>
        <translation>轨迹 ID 字段（可多个，以逗号分隔；通用格式；留空 = 自动检测）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="168" />
        <source>Time field (generic; empty = auto-detect)</source>
        <translation>时间字段（通用格式；留空 = 自动检测）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="174" />
        <source>Delimiter (generic)</source>
        <translation>分隔符（通用格式）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="176" />
        <source>CRS of the coordinates (generic) or of the grid (LYMob)</source>
        <translation>坐标的坐标参考系（通用格式）或网格的坐标参考系（LYMob）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="179" />
        <source>Grid origin X, lower-left corner (LYMob)</source>
        <translation>网格原点 X，左下角（LYMob）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="182" />
        <source>Grid origin Y, lower-left corner (LYMob)</source>
        <translation>网格原点 Y，左下角（LYMob）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="185" />
        <source>Cell size in CRS units (LYMob)</source>
        <translation>单元格大小，以坐标参考系单位计（LYMob）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="188" />
        <source>Start date, day d = 0 (LYMob, UTC)</source>
        <translation>起始日期，即第 d = 0 天（LYMob，UTC）</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="191" />
        <source>Points</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../processing_provider/import_trajectories.py" line="193" />
        <source>Trajectory lines</source>
        <translation>轨迹线</translation>
    </message>
</context>
<context>
    <name>MapMatchAlgorithm</name>
    <message>
        <location filename="../processing_provider/map_match.py" line="35" />
        <source>Map-match trajectories to road segments</source>
        <translation>将轨迹地图匹配到路段</translation>
    </message>
    <message>
        <location filename="../processing_provider/map_match.py" line="38" />
        <source>&lt;p&gt;Puts GPS trajectory points onto the lines of a road layer with a hidden Markov model (Newson and Krumm, 2009) and writes the sequence of road segments each trajectory drove. Road segments are the units of the MetaTRL algorithms: matching once shows how well a road layer fits the trajectories.&lt;/p&gt;&lt;p&gt;Each point's candidates are the road lines within the search radius. A candidate is likelier the nearer the point (GPS noise), and a pair of candidates of consecutive points is likelier the closer the driving distance between them (respecting the lines' directions and the connections of the network) is to the straight distance between the points. The most likely sequence is found with the Viterbi algorithm. Where no candidate of a point can be reached from the previous point's, the match breaks and starts again (counted in N_BREAKS); points without a road line within the radius are left out. Segments between two matched points are filled in along the shortest path.&lt;/p&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Input trajectory points&lt;/b&gt; with a &lt;b&gt;trajectory ID field&lt;/b&gt; and a &lt;b&gt;time field&lt;/b&gt; (both needed).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Road network&lt;/b&gt;: a line layer; lines connect where their end points meet (within 0.5 m), or through the advanced &lt;b&gt;start/end node ID fields&lt;/b&gt; (such as OSMnx's u/v or start_node/end_node). Lines are driven in their digitised direction: layers with one line per driving direction (OSMnx exports) need nothing more; tick &lt;b&gt;Lines can be driven in both directions&lt;/b&gt; for layers whose lines are undirected (each line then gives two segments). Turning back onto the same line is only allowed at dead ends.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Road class / lanes / maximum speed fields&lt;/b&gt; (optional) become attributes of the segments for the MetaTRL algorithms; matching does not use them.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Search radius&lt;/b&gt; (metres, default 50): how far from a point road lines are considered. &lt;b&gt;GPS noise&lt;/b&gt; (metres, default 20): standard deviation of the position error.&lt;/p&gt;&lt;h3&gt;Output&lt;/h3&gt;&lt;p&gt;One line per trajectory along the matched segments, in the road layer's CRS: traj_id, n_units (segments), units (segment keys: 2 x feature id, + 1 for a line driven against its direction), segment_fids (feature ids of the road lines), n_points, matched_points, share (matched share of the points), n_breaks, start_time and end_time of the trajectory. Trajectories with no matched point get no geometry. Results: MATCHED_SHARE (share of all points matched), N_BREAKS, N_TRAJECTORIES.&lt;/p&gt;</source>
        <translation>&lt;p&gt;用隐马尔可夫模型（Newson 和 Krumm，2009）将 GPS 轨迹点匹配到道路图层的线上，并写出每条轨迹所行驶的路段序列。路段是 MetaTRL 算法所用的单元：先做一次匹配即可看出道路图层与轨迹的吻合程度。&lt;/p&gt;&lt;p&gt;每个点的候选是搜索半径内的道路线。点离候选越近，该候选的可能性越大（GPS 噪声）；相邻两点的一对候选之间的行驶距离（遵循线的方向和路网的连接关系）越接近两点之间的直线距离，这对候选的可能性越大。最可能的序列由 Viterbi 算法求得。若某点的所有候选都无法从前一点的候选到达，匹配就在此中断并重新开始（计入 N_BREAKS）；半径内没有道路线的点会被舍弃。两个已匹配点之间的路段沿最短路径补全。&lt;/p&gt;&lt;h3&gt;参数&lt;/h3&gt;&lt;p&gt;带有&lt;b&gt;轨迹 ID 字段&lt;/b&gt;和&lt;b&gt;时间字段&lt;/b&gt;（两者均为必需）的&lt;b&gt;输入轨迹点&lt;/b&gt;。&lt;/p&gt;&lt;p&gt;&lt;b&gt;道路网络&lt;/b&gt;：线图层；线在端点相交处（0.5 m 以内）相连，或通过高级参数&lt;b&gt;起始/终止节点 ID 字段&lt;/b&gt;（例如 OSMnx 的 u/v 或 start_node/end_node）相连。线按其数字化方向行驶：每个行驶方向一条线的图层（OSMnx 导出的数据）无需额外设置；对于线无方向的图层，请勾选&lt;b&gt;线可双向行驶&lt;/b&gt;（此时每条线生成两个路段）。只有在断头路处才允许掉头驶回同一条线。&lt;/p&gt;&lt;p&gt;&lt;b&gt;道路等级 / 车道数 / 最高限速字段&lt;/b&gt;（可选）会成为路段的属性，供 MetaTRL 算法使用；匹配本身不使用它们。&lt;/p&gt;&lt;p&gt;&lt;b&gt;搜索半径&lt;/b&gt;（米，默认 50）：在点周围多远范围内考虑道路线。&lt;b&gt;GPS 噪声&lt;/b&gt;（米，默认 20）：位置误差的标准差。&lt;/p&gt;&lt;h3&gt;输出&lt;/h3&gt;&lt;p&gt;每条轨迹一条沿已匹配路段的线，采用道路图层的坐标参考系：traj_id、n_units（路段数）、units（路段键：2 x 要素 ID，逆着线的方向行驶时再 + 1）、segment_fids（道路线的要素 ID）、n_points、matched_points、share（点的匹配比例）、n_breaks，以及轨迹的 start_time 和 end_time。没有任何已匹配点的轨迹没有几何。结果：MATCHED_SHARE（所有点中已匹配的比例）、N_BREAKS、N_TRAJECTORIES。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/map_match.py" line="74" />
        <source>Matched trajectories</source>
        <translation>匹配后的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/map_match.py" line="76" />
        <source>Share of the points matched</source>
        <translation>已匹配点的比例</translation>
    </message>
    <message>
        <location filename="../processing_provider/map_match.py" line="77" />
        <source>Number of breaks of the matching</source>
        <translation>匹配中断次数</translation>
    </message>
    <message>
        <location filename="../processing_provider/map_match.py" line="78" />
        <source>Number of trajectories</source>
        <translation>轨迹数量</translation>
    </message>
    <message>
        <location filename="../processing_provider/map_match.py" line="84" />
        <source>TIME_FIELD: map matching needs the time of each point; choose the time field of the input.</source>
        <translation>TIME_FIELD：地图匹配需要每个点的时间；请选择输入图层的时间字段。</translation>
    </message>
    <message>
        <location filename="../processing_provider/map_match.py" line="98" />
        <source>RADIUS: no trajectory point lies within {0} m of a road line: the trajectories are off the road network. Check that both layers have the right CRS (trajectories: {1}, roads: {2}) and cover the same area, or use a larger search radius.</source>
        <translation>RADIUS：没有任何轨迹点位于道路线 {0} 米范围内：轨迹不在道路网络上。请检查两个图层的坐标参考系是否正确（轨迹：{1}，道路：{2}）且覆盖同一区域，或使用更大的搜索半径。</translation>
    </message>
</context>
<context>
    <name>MetaTRLEmbedAlgorithm</name>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="74" />
        <source>MetaTRL: embed trajectories</source>
        <translation>MetaTRL：嵌入轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="77" />
        <source>&lt;p&gt;Embeds trajectories with a model trained by &lt;i&gt;MetaTRL: train cross-city trajectory embeddings&lt;/i&gt;. The trajectories are put on the model's units: cells are looked up in the model's cell set (cells the model never saw are skipped); road-segment models need the &lt;b&gt;Road network&lt;/b&gt; they were trained on (a different network is refused) and map-match the points again.&lt;/p&gt;&lt;p&gt;Output: one feature per trajectory with traj_id, n_points, n_units, start and end time, PCA_1 and PCA_2 (PCA after standardising every dimension) and the embedding as one numeric field per value (e000, e001, ...) or one JSON text field (&lt;b&gt;Embedding format&lt;/b&gt;); &lt;b&gt;Geometry&lt;/b&gt;: the trajectory as a line, or none (a table). A trajectory that crosses none of the units gets empty values. &lt;b&gt;Embeddings file&lt;/b&gt; (optional): the matrix as .npy or .csv. The output opens in the &lt;i&gt;Embedding explorer&lt;/i&gt; dock.&lt;/p&gt;</source>
        <translation>&lt;p&gt;用&lt;i&gt;MetaTRL：训练跨城市轨迹嵌入&lt;/i&gt;得到的模型对轨迹进行嵌入。轨迹被映射到模型的单元上：在模型的单元格集合中查找单元格（模型从未见过的单元格会被跳过）；基于路段的模型需要其训练时所用的&lt;b&gt;道路网络&lt;/b&gt;（不同的路网会被拒绝），并重新对点进行地图匹配。&lt;/p&gt;&lt;p&gt;输出：每条轨迹一个要素，字段包括 traj_id、n_points、n_units、开始和结束时间、PCA_1 和 PCA_2（将每一维标准化后做的 PCA），以及嵌入本身：每个值一个数值字段（e000、e001……）或一个 JSON 文本字段（&lt;b&gt;嵌入格式&lt;/b&gt;）；&lt;b&gt;几何&lt;/b&gt;：轨迹线，或无几何（表格）。未经过任何单元的轨迹得到空值。&lt;b&gt;嵌入文件&lt;/b&gt;（可选）：以 .npy 或 .csv 保存的矩阵。输出会在&lt;i&gt;嵌入浏览器&lt;/i&gt;停靠窗口中打开。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="90" />
        <source>Embedding format</source>
        <translation>嵌入格式</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="90" />
        <source>numeric fields</source>
        <translation>数值字段</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="90" />
        <source>one JSON text field</source>
        <translation>一个 JSON 文本字段</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="93" />
        <source>Geometry</source>
        <translation>几何</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="93" />
        <source>trajectory lines</source>
        <translation>轨迹线</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="93" />
        <source>none (table)</source>
        <translation>无（表格）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="96" />
        <source>Embedded trajectories</source>
        <translation>已嵌入的轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="98" />
        <source>Embeddings file (.npy or .csv)</source>
        <translation>嵌入文件（.npy 或 .csv）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="105" />
        <source>Embedding</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_embed.py" line="130" />
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
</context>
<context>
    <name>MetaTRLTaskAlgorithm</name>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="70" />
        <source>MetaTRL: downstream task (destination, travel time, classification)</source>
        <translation>MetaTRL：下游任务（目的地、行程时间、分类）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="93" />
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="93" />
        <source>destination prediction</source>
        <translation>目的地预测</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="93" />
        <source>travel-time estimation</source>
        <translation>行程时间估计</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="93" />
        <source>trajectory classification</source>
        <translation>轨迹分类</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="96" />
        <source>Label field (classification)</source>
        <translation>标签字段（分类）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="99" />
        <source>Training share of the trajectories</source>
        <translation>用于训练的轨迹比例</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="102" />
        <source>Fine-tune the encoder (otherwise only the head is trained)</source>
        <translation>微调编码器（否则只训练任务头）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="104" />
        <source>Destination: share of units removed from the end</source>
        <translation>目的地：从末尾移除的单元比例</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="104" />
        <source>Learning rate of the head</source>
        <translation>任务头的学习率</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="112" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="114" />
        <source>Predictions</source>
        <translation>预测结果</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="116" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="118" />
        <source>Test trajectories</source>
        <translation>测试轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="150" />
        <source>Training the task head</source>
        <translation>正在训练任务头</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="104" />
        <source>Epochs (empty = 20 fine-tuning, 100 frozen)</source>
        <translation>训练轮数（留空 = 微调 20 轮，冻结 100 轮）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="104" />
        <source>Learning rate of the encoder when fine-tuned</source>
        <translation>微调时编码器的学习率</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="73" />
        <source>&lt;p&gt;Uses a MetaTRL encoder (from &lt;i&gt;MetaTRL: train cross-city trajectory embeddings&lt;/i&gt;) for a task: a linear head is trained on the &lt;b&gt;training share&lt;/b&gt; of the input trajectories (10% of it held out for early stopping), the encoder fine-tuned with it (or frozen), and every trajectory is predicted. The metrics are computed on the other trajectories (the test share).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Task&lt;/b&gt;: &lt;i&gt;destination&lt;/i&gt; - the unit of the last point, from the trajectory with its last &lt;b&gt;tail share&lt;/b&gt; of units removed (micro-F1, macro-F1, Recall@5), or with &lt;b&gt;Destination: units to predict&lt;/b&gt; k above 0 each of the last k units from the trajectory without them (the protocol of the MetaTRL authors' code, which uses k = 4; the metrics pool the k positions); &lt;i&gt;travel time&lt;/i&gt; - minutes from the first to the last unit, seeing the units and only the departure time (MAE, MAPE, RMSE); &lt;i&gt;classification&lt;/i&gt; - the class in &lt;b&gt;Label field&lt;/b&gt; (e.g. a GeoLife transport mode; with points, the most frequent value of each trajectory; accuracy, macro-F1, Recall@5 with 5 or more classes, AUC for two classes). Road-segment models need the &lt;b&gt;Road network&lt;/b&gt; they were trained on.&lt;/p&gt;&lt;p&gt;Output: one line per trajectory with its split (train / validation / test), the target and the prediction (destination: the predicted last unit, its centre and the top five, and with k units to predict how many of them are right; travel time: the absolute error), styled by correctness or error. The metrics are in the results and the optional &lt;b&gt;Report&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;将 MetaTRL 编码器（来自&lt;i&gt;MetaTRL：训练跨城市轨迹嵌入&lt;/i&gt;）用于一项任务：在输入轨迹的&lt;b&gt;训练比例&lt;/b&gt;部分上训练一个线性任务头（其中 10% 留作提前停止之用），编码器随之微调（或保持冻结），然后对每条轨迹进行预测。指标在其余轨迹（测试部分）上计算。&lt;/p&gt;&lt;p&gt;&lt;b&gt;任务&lt;/b&gt;：&lt;i&gt;目的地&lt;/i&gt; - 最后一个点所在的单元，输入为去掉末尾&lt;b&gt;尾部比例&lt;/b&gt;单元后的轨迹（micro-F1、macro-F1、Recall@5）；或者当&lt;b&gt;目的地：要预测的单元数&lt;/b&gt; k 大于 0 时，从去掉最后 k 个单元的轨迹预测这 k 个单元中的每一个（MetaTRL 作者代码的评测方式，其取 k = 4；指标汇总 k 个位置）；&lt;i&gt;行程时间&lt;/i&gt; - 从第一个单元到最后一个单元的分钟数，只可见单元序列和出发时间（MAE、MAPE、RMSE）；&lt;i&gt;分类&lt;/i&gt; - &lt;b&gt;标签字段&lt;/b&gt;中的类别（例如 GeoLife 的交通方式；对于点图层，取每条轨迹中出现最多的值；指标为准确率、macro-F1、类别数不少于 5 时的 Recall@5、二分类时的 AUC）。基于路段的模型需要其训练时所用的&lt;b&gt;道路网络&lt;/b&gt;。&lt;/p&gt;&lt;p&gt;输出：每条轨迹一条线，包含其划分（训练 / 验证 / 测试）、目标值和预测值（目的地：预测的最后一个单元、其中心点和前五名，以及在预测 k 个单元时其中预测正确的个数；行程时间：绝对误差），按正确与否或误差大小设置样式。指标见结果以及可选的&lt;b&gt;报告&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_task.py" line="104" />
        <source>Destination: units to predict (0 = the last unit after removing the tail share; k = each of the last k units)</source>
        <translation>目的地：要预测的单元数（0 = 去掉尾部比例后的最后一个单元；k = 最后 k 个单元中的每一个）</translation>
    </message>
</context>
<context>
    <name>MetaTRLTrainAlgorithm</name>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="39" />
        <source>MetaTRL: train cross-city trajectory embeddings</source>
        <translation>MetaTRL：训练跨城市轨迹嵌入</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="42" />
        <source>&lt;p&gt;Learns trajectory embeddings for a &lt;b&gt;target&lt;/b&gt; city with MetaTRL (Yu et al., AAAI 2026): a road (or cell) encoder with meta-knowledge of the road structure, a transferable temporal encoder and a transformer that takes its queries and keys from parameters shared between cities and its values from the city's private parameters. Pre-training is self-supervised: whole sub-trajectories are masked and recovered (units and visit times).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Source cities&lt;/b&gt; (optional, one trajectory layer per city, e.g. a data-rich city): before the target is trained, a meta model learns the shared parameters from them (for each source: clone, train on its training split, update the meta model from its test split), and the target starts from them. Without sources it is single-city pre-training. Source layers are read with the &lt;b&gt;source trajectory ID / time fields&lt;/b&gt; (empty = the target's field names).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Spatial units&lt;/b&gt;: road segments of the &lt;b&gt;Road network&lt;/b&gt; (trajectories are map-matched with a hidden-Markov matcher: candidate radius and GPS sigma are advanced settings; optional road class, lanes and max speed fields become attributes), or H3 / square grid cells. Source cities use their own road layer from &lt;b&gt;Source road networks&lt;/b&gt; (same order as the sources) or, without one, H3 cells at the H3 resolution.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Preset&lt;/b&gt;: fast-CPU (2 layers of width 64) or paper (6 layers, d_model 128, 8 heads, batch 64, learning rate 2e-4, meta learning rate 5e-4, 5 meta epochs); every engine setting is an advanced parameter (empty = the preset's). The &lt;b&gt;Model file&lt;/b&gt; holds the target's model, its units and the settings; apply it with &lt;i&gt;MetaTRL: embed trajectories&lt;/i&gt; or &lt;i&gt;MetaTRL: downstream task&lt;/i&gt;. The &lt;b&gt;Report&lt;/b&gt; shows the loss curves per city and phase.&lt;/p&gt;</source>
        <translation>&lt;p&gt;用 MetaTRL（Yu et al.，AAAI 2026）为&lt;b&gt;目标&lt;/b&gt;城市学习轨迹嵌入：一个带有道路结构元知识的道路（或单元格）编码器、一个可迁移的时间编码器，以及一个 Transformer，其查询和键来自城市间共享的参数，值来自该城市的私有参数。预训练是自监督的：对整段子轨迹进行掩码并加以恢复（单元和访问时间）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;源城市&lt;/b&gt;（可选，每个城市一个轨迹图层，例如数据丰富的城市）：在训练目标城市之前，元模型先从源城市学习共享参数（对每个源城市：克隆、在其训练划分上训练、用其测试划分更新元模型），目标城市从这些参数开始训练。没有源城市时即为单城市预训练。源图层按&lt;b&gt;源城市轨迹 ID / 时间字段&lt;/b&gt;读取（留空 = 与目标城市的字段名相同）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;空间单元&lt;/b&gt;：&lt;b&gt;道路网络&lt;/b&gt;的路段（轨迹用隐马尔可夫匹配器进行地图匹配：候选半径和 GPS sigma 为高级设置；可选的道路等级、车道数和最高限速字段会成为属性），或 H3 / 正方形网格单元格。源城市使用&lt;b&gt;源城市道路网络&lt;/b&gt;中各自的道路图层（顺序与源城市相同），没有道路图层时使用该 H3 分辨率下的 H3 单元格。&lt;/p&gt;&lt;p&gt;&lt;b&gt;预设&lt;/b&gt;：快速 CPU（2 层，宽度 64）或论文设置（6 层，d_model 128，8 个注意力头，批大小 64，学习率 2e-4，元学习率 5e-4，5 个元训练轮次）；每项引擎设置都是高级参数（留空 = 使用预设值）。&lt;b&gt;模型文件&lt;/b&gt;保存目标城市的模型、其单元和设置；可通过&lt;i&gt;MetaTRL：嵌入轨迹&lt;/i&gt;或&lt;i&gt;MetaTRL：下游任务&lt;/i&gt;使用它。&lt;b&gt;报告&lt;/b&gt;显示每个城市和各阶段的损失曲线。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="98" />
        <source>Source cities (trajectory layers; optional)</source>
        <translation>源城市（轨迹图层；可选）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="101" />
        <source>Sources: trajectory ID field (empty = the target's)</source>
        <translation>源城市：轨迹 ID 字段（留空 = 与目标城市相同）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="103" />
        <source>Sources: time field (empty = the target's)</source>
        <translation>源城市：时间字段（留空 = 与目标城市相同）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="106" />
        <source>Source road networks (lines, in the order of the sources; optional)</source>
        <translation>源城市道路网络（线，按源城市的顺序；可选）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="109" />
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="109" />
        <source>fast-CPU</source>
        <translation>快速 CPU</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="109" />
        <source>paper</source>
        <translation>论文设置</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="115" />
        <source>Meta update</source>
        <translation>元更新</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="115" />
        <source>continue from the source's shared parameters, then the test-gradient step</source>
        <translation>从源城市训练后的共享参数继续，然后执行测试梯度步</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="115" />
        <source>test-gradient step only (Eq. 2 literally)</source>
        <translation>仅执行测试梯度步（严格按公式 2）</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="124" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="126" />
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="128" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="130" />
        <source>Target trajectories used</source>
        <translation>使用的目标城市轨迹数</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="130" />
        <source>Units of the target</source>
        <translation>目标城市的单元数</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="130" />
        <source>Share of target points matched to roads</source>
        <translation>匹配到道路的目标城市点比例</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="192" />
        <source>Reading the target trajectories</source>
        <translation>正在读取目标城市轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="208" />
        <source>Meta-training and pre-training</source>
        <translation>元训练与预训练</translation>
    </message>
    <message>
        <location filename="../processing_provider/metatrl_train.py" line="111" />
        <source>Learned embedding of every unit (private)</source>
        <translation>每个单元的可学习嵌入（私有）</translation>
    </message>
</context>
<context>
    <name>MobilityEmbedAlgorithm</name>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="68" />
        <source>Mobility embeddings: embed trajectories</source>
        <translation>移动性嵌入：嵌入轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="71" />
        <source>&lt;p&gt;Embeds user-days (or trajectories) with a model trained by &lt;i&gt;Mobility embeddings: train&lt;/i&gt;, also for users the model never saw. The grouping, resampling, time zone and CRS are the model's.&lt;/p&gt;&lt;p&gt;Output: one line per sequence (its points in time order) with group_id, user, day, dow (0 = Monday), n_points, n_records, start and end time, &lt;b&gt;PCA_1&lt;/b&gt; and &lt;b&gt;PCA_2&lt;/b&gt; (PCA of this set of embeddings after standardising every dimension to zero mean and unit variance), optionally &lt;b&gt;UMAP_1&lt;/b&gt;/&lt;b&gt;UMAP_2&lt;/b&gt; (needs the umap-learn package) and the embedding: one numeric field per value (e000, e001, ...), one JSON text field, or none (&lt;b&gt;Embedding format&lt;/b&gt;). The explained variance of the components is in the results. &lt;b&gt;Embeddings file&lt;/b&gt; (optional): the matrix as .npy or .csv. In QGIS the output opens in the &lt;i&gt;Embedding explorer&lt;/i&gt; dock: select a region of the scatter to select the user-days on the map and see a heatmap of their points.&lt;/p&gt;</source>
        <translation>&lt;p&gt;用&lt;i&gt;移动性嵌入：训练&lt;/i&gt;得到的模型对用户日（或轨迹）进行嵌入，也适用于模型从未见过的用户。分组、重采样、时区和坐标参考系均沿用模型的设置。&lt;/p&gt;&lt;p&gt;输出：每个序列一条线（其点按时间排序），字段包括 group_id、user、day、dow（0 = 星期一）、n_points、n_records、开始和结束时间、&lt;b&gt;PCA_1&lt;/b&gt; 和 &lt;b&gt;PCA_2&lt;/b&gt;（将每一维标准化为零均值、单位方差后对这组嵌入做的 PCA），可选的 &lt;b&gt;UMAP_1&lt;/b&gt;/&lt;b&gt;UMAP_2&lt;/b&gt;（需要 umap-learn 包），以及嵌入本身：每个值一个数值字段（e000、e001……）、一个 JSON 文本字段或不输出（&lt;b&gt;嵌入格式&lt;/b&gt;）。各主成分的解释方差见结果。&lt;b&gt;嵌入文件&lt;/b&gt;（可选）：以 .npy 或 .csv 保存的矩阵。在 QGIS 中，输出会在&lt;i&gt;嵌入浏览器&lt;/i&gt;停靠窗口中打开：在散点图中选择一个区域，即可在地图上选中对应的用户日并查看其点的热力图。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="84" />
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="86" />
        <source>Embedding format</source>
        <translation>嵌入格式</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="86" />
        <source>numeric fields</source>
        <translation>数值字段</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="86" />
        <source>one JSON text field</source>
        <translation>一个 JSON 文本字段</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="86" />
        <source>none (PCA only)</source>
        <translation>不输出（仅 PCA）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="90" />
        <source>Add a UMAP projection (needs umap-learn)</source>
        <translation>添加 UMAP 投影（需要 umap-learn）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="92" />
        <source>Embedded sequences</source>
        <translation>已嵌入的序列</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="94" />
        <source>Embeddings file (.npy or .csv)</source>
        <translation>嵌入文件（.npy 或 .csv）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="113" />
        <source>Embedding</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed.py" line="161" />
        <source>Cancelled by the user: no output was written.</source>
        <translation>已被用户取消：未写入任何输出。</translation>
    </message>
</context>
<context>
    <name>MobilityEmbedTrainAlgorithm</name>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="120" />
        <source>Mobility embeddings: train (Transformer + BiLSTM)</source>
        <translation>移动性嵌入：训练（Transformer + BiLSTM）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="123" />
        <source>&lt;p&gt;Trains the hybrid Transformer + bidirectional-LSTM model of the LYMob-4Cities "Experiment 21" post that turns each user-day (or trajectory) into a 512-value embedding. Self-supervised: the model predicts the next location of a sequence from the records before it (the target is never part of the input), with Gaussian noise on the input coordinates and early stopping on held-out users.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input trajectory points&lt;/b&gt; with a &lt;b&gt;Time field&lt;/b&gt;: a LYMob / YJMob100K import (user field uid), GPS points with a user field, or any trajectories. &lt;b&gt;Group by&lt;/b&gt;: user-day (one sequence per user and local day; needs the &lt;b&gt;User field&lt;/b&gt;) or trajectory (needs the &lt;b&gt;Trajectory ID field&lt;/b&gt;). &lt;b&gt;Resampling interval&lt;/b&gt; (minutes; empty = 30 for user-days as LYMob's slots, 1 for trajectories): only the first point of each interval is kept. &lt;b&gt;Time zone&lt;/b&gt; (hours from UTC; empty = from the data's longitude, UTC for a LYMob import) sets the local day, the half-hour slot and the day of week. &lt;b&gt;Cell size&lt;/b&gt; (500 m, LYMob's cells): the locations predicted.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Preset&lt;/b&gt;: fast-CPU (d_model 64, 1 transformer block, 12 epochs) or post (d_model 128, 2 blocks, 50 epochs); both use a 2-layer BiLSTM of 256 units, i.e. 512-value embeddings. The advanced sizes override the preset. &lt;b&gt;Validation users&lt;/b&gt; (share, 0.1): users held out for early stopping and for the out-of-sample figures of the report. &lt;b&gt;User embedding&lt;/b&gt; (off): adds a learned user vector to the prediction head only (never to the embedding); unseen users get the "unknown" vector. &lt;b&gt;CRS&lt;/b&gt; (advanced, empty = the UTM zone of the data).&lt;/p&gt;&lt;p&gt;Outputs: the &lt;b&gt;Model file&lt;/b&gt; and an HTML &lt;b&gt;Report&lt;/b&gt;: loss curves, next-location accuracy@1/@5 of the model on the held-out users next to the most-frequent-location and first-order Markov baselines, user re-identification across days from the embeddings and from the baselines' features, and the PCA explained variance after standardisation. Apply it with &lt;i&gt;Mobility embeddings: embed trajectories&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;训练 LYMob-4Cities“Experiment 21”一文中的 Transformer + 双向 LSTM 混合模型，将每个用户日（或轨迹）转换为 512 维嵌入。自监督：模型根据序列中之前的记录预测下一位置（目标从不属于输入），对输入坐标加入高斯噪声，并在留出用户上提前停止。&lt;/p&gt;&lt;p&gt;带&lt;b&gt;时间字段&lt;/b&gt;的&lt;b&gt;输入轨迹点&lt;/b&gt;：LYMob / YJMob100K 导入结果（用户字段 uid）、带用户字段的 GPS 点或任意轨迹。&lt;b&gt;分组方式&lt;/b&gt;：用户日（每个用户每个本地日一个序列；需要&lt;b&gt;用户字段&lt;/b&gt;）或轨迹（需要&lt;b&gt;轨迹 ID 字段&lt;/b&gt;）。&lt;b&gt;重采样间隔&lt;/b&gt;（分钟；留空 = 用户日为 30，与 LYMob 的时段一致，轨迹为 1）：每个间隔只保留第一个点。&lt;b&gt;时区&lt;/b&gt;（相对 UTC 的小时数；留空 = 根据数据的经度确定，LYMob 导入为 UTC）决定本地日期、半小时时段和星期几。&lt;b&gt;单元格大小&lt;/b&gt;（500 m，LYMob 的单元格）：所预测的位置。&lt;/p&gt;&lt;p&gt;&lt;b&gt;预设&lt;/b&gt;：fast-CPU（d_model 64，1 个 Transformer 块，12 轮）或 post（d_model 128，2 个块，50 轮）；两者都使用 2 层、256 单元的双向 LSTM，即 512 维嵌入。高级参数中的尺寸会覆盖预设。&lt;b&gt;验证用户&lt;/b&gt;（比例，0.1）：留出用于提前停止以及报告中样本外指标的用户。&lt;b&gt;用户嵌入&lt;/b&gt;（关闭）：只在预测头（绝不在嵌入中）加入学习得到的用户向量；未见过的用户使用“未知”向量。&lt;b&gt;坐标参考系&lt;/b&gt;（高级，留空 = 数据所在的 UTM 带）。&lt;/p&gt;&lt;p&gt;输出：&lt;b&gt;模型文件&lt;/b&gt;和 HTML &lt;b&gt;报告&lt;/b&gt;：损失曲线、模型在留出用户上的下一位置 accuracy@1/@5 以及最常去位置和一阶马尔可夫基线、基于嵌入和基线特征的跨日用户再识别，以及标准化后的 PCA 解释方差。用&lt;i&gt;移动性嵌入：嵌入轨迹&lt;/i&gt;应用该模型。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="149" />
        <source>Group by</source>
        <translation>分组方式</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="149" />
        <source>user-day</source>
        <translation>用户日</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="149" />
        <source>trajectory</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="152" />
        <source>Resampling interval (minutes; empty = 30 for user-days, 1 for trajectories)</source>
        <translation>重采样间隔（分钟；留空 = 用户日为 30，轨迹为 1）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="156" />
        <source>Time zone, hours from UTC (empty = from the data)</source>
        <translation>时区，相对 UTC 的小时数（留空 = 根据数据确定）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="159" />
        <source>Location cell size (metres)</source>
        <translation>位置单元格大小（米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="162" />
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="162" />
        <source>fast-CPU</source>
        <translation>快速 CPU</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="162" />
        <source>post (Experiment 21)</source>
        <translation>post（Experiment 21）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="165" />
        <source>Epochs (empty = preset)</source>
        <translation>训练轮数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="165" />
        <source>Transformer width d_model (empty = preset)</source>
        <translation>Transformer 宽度 d_model（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="165" />
        <source>Attention heads (empty = preset)</source>
        <translation>注意力头数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="165" />
        <source>Transformer blocks (empty = preset)</source>
        <translation>Transformer 块数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="165" />
        <source>BiLSTM hidden size (embedding = 2 x; empty = preset)</source>
        <translation>双向 LSTM 隐藏层大小（嵌入 = 2 倍；留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="165" />
        <source>BiLSTM layers (empty = preset)</source>
        <translation>双向 LSTM 层数（留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="165" />
        <source>Gaussian noise on input coordinates (metres)</source>
        <translation>输入坐标的高斯噪声（米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="165" />
        <source>Early-stopping patience (epochs; empty = preset)</source>
        <translation>提前停止耐心值（轮；留空 = 预设）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="174" />
        <source>Validation users (share held out)</source>
        <translation>验证用户（留出比例）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="177" />
        <source>User embedding in the prediction head</source>
        <translation>在预测头中使用用户嵌入</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="181" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="183" />
        <source>Metric CRS (empty = UTM zone of the data)</source>
        <translation>米制坐标参考系（留空 = 数据所在的 UTM 带）</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="186" />
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="188" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="197" />
        <source>Reading trajectories into sequences</source>
        <translation>正在将轨迹读取为序列</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="224" />
        <source>Training by next-location prediction</source>
        <translation>正在通过下一位置预测进行训练</translation>
    </message>
    <message>
        <location filename="../processing_provider/mobility_embed_train.py" line="227" />
        <source>Out-of-sample evaluation on the validation users</source>
        <translation>正在验证用户上进行样本外评估</translation>
    </message>
</context>
<context>
    <name>SimulateTrajectoriesAlgorithm</name>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="75" />
        <source>Simulate trajectories (synthetic sample)</source>
        <translation>模拟轨迹（合成样本）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="78" />
        <source>&lt;p&gt;Makes a synthetic, fully labelled trajectory data set: vehicles drive shortest paths between origin-destination (OD) pairs on a synthetic street grid or on a road line layer, sampled like GPS with noise. Every OD pair is one cluster (&lt;i&gt;od_id&lt;/i&gt;) with a small origin area and a small destination area well apart from the other pairs' areas; trips of a pair start and end at nearby junctions and follow mostly the same corridor (a small random perturbation of the edge costs per trip gives some route variety, distinct corridors get a &lt;i&gt;route_id&lt;/i&gt;). Optionally some trips make a detour through a junction 300-800 m (and at most 40% of the trip length) off their normal route; the points of the detour have &lt;i&gt;is_anomaly&lt;/i&gt; = 1 and &lt;i&gt;anomaly_type&lt;/i&gt; = 'detour'. The same seed always gives the same data. Use it to try the clustering and anomaly algorithms, whose ground truth it provides.&lt;/p&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Road network&lt;/b&gt; (optional line layer): roads to drive on, two-way; lines connect where they share a vertex (end point or interior vertex). Only the largest connected part is used. Default: a synthetic street grid.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Number of OD pairs&lt;/b&gt; (default 6): clusters; the network must have room for that many well separated origin and destination areas (radius 300 m, smaller when the extent is small or many pairs must fit; areas at least three radii apart).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Number of trajectories&lt;/b&gt; (default 300): trips, spread evenly over the OD pairs.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sampling interval&lt;/b&gt; (seconds, default 15): time between two points of a trip.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Speed&lt;/b&gt; (m/s, default 10): mean driving speed; each trip drives at a constant speed drawn within +/- &lt;b&gt;Speed variation&lt;/b&gt; (advanced, default 0.2 = 20%) of it.&lt;/p&gt;&lt;p&gt;&lt;b&gt;GPS noise&lt;/b&gt; (metres, default 5): standard deviation of the Gaussian noise added to each coordinate.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Start time&lt;/b&gt; (default 2024-01-01 08:00 UTC): vehicles start their first trip within the &lt;b&gt;Time window&lt;/b&gt; (advanced, hours, default 12) after it and make about four trips one after the other.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Extent&lt;/b&gt; (optional): the area of the synthetic grid (default a 6 km x 6 km box around Porto centre, -8.61 / 41.15), or a clip box for the road layer (default: its whole extent).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output CRS&lt;/b&gt; (default EPSG:4326). The simulation itself runs in metres in the UTM zone of the area.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grid spacing&lt;/b&gt; (metres, default 200): street spacing of the synthetic grid (every fifth street is a faster arterial, a few streets are missing, a few cells have a diagonal).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Detour rate&lt;/b&gt; (0-1, default 0 = none): share of the trips with an injected detour.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Random seed&lt;/b&gt; (default 42).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Layout of the OD pairs&lt;/b&gt; (advanced, default Separated): &lt;i&gt;Separated&lt;/i&gt; gives every pair its own part of the network (origin and destination on either side of a pair centre; clusters are apart in space, as centre-based ground truth such as E2DTC's expects); &lt;i&gt;Cross-town&lt;/i&gt; pairs far apart areas, so long trips of different pairs cross and share main roads.&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Trajectory points&lt;/b&gt;: traj_id, time, od_id (cluster), route_id (corridor variant within the pair), vehicle_id, speed (m/s), is_anomaly (0/1), anomaly_type ('' or 'detour'). &lt;b&gt;Trajectory lines&lt;/b&gt; (optional, LineStringM with epoch seconds as M): traj_id, od_id, route_id, vehicle_id, n_points, has_detour, start and end time, length_m, speed. &lt;b&gt;Road network&lt;/b&gt; (optional): the road lines used. Results N_TRAJECTORIES, N_POINTS and N_DETOURS count what was made.&lt;/p&gt;</source>
        <translation>&lt;p&gt;生成一个合成的、完全标注的轨迹数据集：车辆在合成街道网格或道路线图层上沿起讫点（OD）对之间的最短路径行驶，并像 GPS 一样带噪声采样。每个 OD 对是一个聚类（&lt;i&gt;od_id&lt;/i&gt;），其起点区域和终点区域都较小，且与其他 OD 对的区域相距较远；同一 OD 对的行程在邻近的路口出发和结束，并且大多沿同一通道行驶（每次行程对边成本施加小的随机扰动，带来一定的路线多样性，不同的通道获得各自的 &lt;i&gt;route_id&lt;/i&gt;）。可选地，部分行程会绕行经过偏离其正常路线 300-800 m（且至多为行程长度的 40%）的某个路口；绕行部分的点 &lt;i&gt;is_anomaly&lt;/i&gt; = 1、&lt;i&gt;anomaly_type&lt;/i&gt; = 'detour'。相同的种子总是生成相同的数据。可用它来试用聚类和异常检测算法，它为这些算法提供真值。&lt;/p&gt;&lt;h3&gt;参数&lt;/h3&gt;&lt;p&gt;&lt;b&gt;道路网络&lt;/b&gt;（可选线图层）：供行驶的道路，双向通行；线在共享顶点（端点或内部顶点）处相连。仅使用最大的连通部分。默认：合成街道网格。&lt;/p&gt;&lt;p&gt;&lt;b&gt;OD 对数量&lt;/b&gt;（默认 6）：聚类数；路网必须有足够空间容纳这么多相互分隔良好的起点和终点区域（半径 300 m，范围较小或需容纳的 OD 对较多时会更小；区域之间至少相距三个半径）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;轨迹数量&lt;/b&gt;（默认 300）：行程数，平均分配到各 OD 对。&lt;/p&gt;&lt;p&gt;&lt;b&gt;采样间隔&lt;/b&gt;（秒，默认 15）：一次行程中相邻两点之间的时间。&lt;/p&gt;&lt;p&gt;&lt;b&gt;速度&lt;/b&gt;（m/s，默认 10）：平均行驶速度；每次行程以恒定速度行驶，该速度在平均速度的 +/- &lt;b&gt;速度变化&lt;/b&gt;（高级，默认 0.2 = 20%）范围内随机抽取。&lt;/p&gt;&lt;p&gt;&lt;b&gt;GPS 噪声&lt;/b&gt;（米，默认 5）：添加到每个坐标上的高斯噪声的标准差。&lt;/p&gt;&lt;p&gt;&lt;b&gt;起始时间&lt;/b&gt;（默认 2024-01-01 08:00 UTC）：车辆在此后的&lt;b&gt;时间窗口&lt;/b&gt;（高级，小时，默认 12）内开始首次行程，并连续完成约四次行程。&lt;/p&gt;&lt;p&gt;&lt;b&gt;范围&lt;/b&gt;（可选）：合成网格的区域（默认为 Porto 市中心 -8.61 / 41.15 周围 6 km x 6 km 的方框），或道路图层的裁剪框（默认：其完整范围）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出坐标参考系&lt;/b&gt;（默认 EPSG:4326）。模拟本身在该区域所在的 UTM 分带中以米为单位进行。&lt;/p&gt;&lt;p&gt;&lt;b&gt;网格间距&lt;/b&gt;（米，默认 200）：合成网格的街道间距（每五条街道中有一条是更快的主干道，少数街道缺失，少数单元格带有对角线道路）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;绕行比例&lt;/b&gt;（0-1，默认 0 = 无）：注入绕行的行程所占比例。&lt;/p&gt;&lt;p&gt;&lt;b&gt;随机种子&lt;/b&gt;（默认 42）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;OD 对的布局&lt;/b&gt;（高级，默认“分离”）：&lt;i&gt;分离&lt;/i&gt;为每个 OD 对分配路网中各自的区域（起点和终点位于 OD 对中心的两侧；各聚类在空间上相互分离，符合 E2DTC 等基于中心的真值的预期）；&lt;i&gt;跨城&lt;/i&gt;将相距较远的区域配对，因此不同 OD 对的长距离行程会相互交叉并共用主要道路。&lt;/p&gt;&lt;h3&gt;输出&lt;/h3&gt;&lt;p&gt;&lt;b&gt;轨迹点&lt;/b&gt;：traj_id、time、od_id（聚类）、route_id（OD 对内的通道变体）、vehicle_id、speed（m/s）、is_anomaly（0/1）、anomaly_type（'' 或 'detour'）。&lt;b&gt;轨迹线&lt;/b&gt;（可选，以纪元秒为 M 值的 LineStringM）：traj_id、od_id、route_id、vehicle_id、n_points、has_detour、起止时间、length_m、speed。&lt;b&gt;道路网络&lt;/b&gt;（可选）：所用的道路线。结果 N_TRAJECTORIES、N_POINTS 和 N_DETOURS 统计生成的数量。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="127" />
        <source>Road network (lines; empty = synthetic street grid)</source>
        <translation>道路网络（线；留空 = 合成街道网格）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="130" />
        <source>Number of origin-destination pairs (clusters)</source>
        <translation>起讫点（OD）对数量（聚类数）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="182" />
        <source>Number of trajectories</source>
        <translation>轨迹数量</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="136" />
        <source>Sampling interval (seconds)</source>
        <translation>采样间隔（秒）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="139" />
        <source>Mean speed (m/s)</source>
        <translation>平均速度（m/s）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="141" />
        <source>Speed variation between trips (share, +/-)</source>
        <translation>行程间速度变化（比例，+/-）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="146" />
        <source>GPS noise (standard deviation, metres)</source>
        <translation>GPS 噪声（标准差，米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="149" />
        <source>Start time</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="152" />
        <source>Time window for the first trips (hours)</source>
        <translation>首次行程的时间窗口（小时）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="157" />
        <source>Extent (default: 6 km box around Porto, or the road layer)</source>
        <translation>范围（默认：Porto 周围 6 km 的方框，或道路图层的范围）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="159" />
        <source>Output CRS</source>
        <translation>输出坐标参考系</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="160" />
        <source>Synthetic grid street spacing (metres)</source>
        <translation>合成网格的街道间距（米）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="163" />
        <source>Share of trajectories with a detour (0-1)</source>
        <translation>含绕行的轨迹比例（0-1）</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="166" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="168" />
        <source>Layout of the origin-destination pairs</source>
        <translation>起讫点对的布局</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="168" />
        <source>Separated: each pair in its own part of the network</source>
        <translation>分离：每个 OD 对位于路网中各自的区域</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="168" />
        <source>Cross-town: long trips whose routes cross</source>
        <translation>跨城：路线相互交叉的长距离行程</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="174" />
        <source>Simulated trajectory points</source>
        <translation>模拟轨迹点</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="176" />
        <source>Simulated trajectory lines</source>
        <translation>模拟轨迹线</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="179" />
        <source>Road network used</source>
        <translation>所用的道路网络</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="183" />
        <source>Number of points</source>
        <translation>点数量</translation>
    </message>
    <message>
        <location filename="../processing_provider/simulate_trajectories.py" line="184" />
        <source>Number of trajectories with a detour</source>
        <translation>含绕行的轨迹数量</translation>
    </message>
</context>
<context>
    <name>SyntheticAnomaliesAlgorithm</name>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="89" />
        <source>Synthetic anomalies (CroTad)</source>
        <translation>合成异常（CroTad）</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="92" />
        <source>&lt;p&gt;Builds a labelled test set for trajectory anomaly detection from real (assumed normal) trajectories, following CroTad (Xue et al., section 5.1.2). Trajectories are mapped to sequences of H3 cells (consecutive repeats removed). For every OD value, cells visited more often than FREQ_THRESHOLD per trajectory are &lt;i&gt;frequent&lt;/i&gt; (the paper's S&lt;sub&gt;pos&lt;/sub&gt;, Eq. 6); all others are &lt;i&gt;rare&lt;/i&gt;. Detours are chains of rare cells in which consecutive cells are at most K_HOP H3 steps apart, going through a rare cell 2 to 3&amp;times;K_HOP rings beside the replaced part and rejoining the trajectory within K_HOP steps. Anomaly types:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Head detour&lt;/b&gt;: the first cells are replaced by a detour starting near the origin.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Rear detour&lt;/b&gt;: the last cells are replaced by a detour ending near the destination.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Midway detour&lt;/b&gt;: cells in the middle are replaced by a detour.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Random trajectory&lt;/b&gt;: the whole trajectory becomes a random walk through rare cells from the origin cell to the destination cell; every point is anomalous, including the first and last, which lie in the (normal) origin and destination cells.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Route switching&lt;/b&gt;: the first floor(&amp;beta;|T1|) cells of T1 followed by the part of T2 from cell floor((1-&amp;beta;)|T2|) to its end, T2 from a &lt;i&gt;different&lt;/i&gt; OD, &amp;beta; ~ U(BETA_MIN, BETA_MAX); the T2 part is anomalous. When the two parts are more than K_HOP steps apart, cells on the H3 line between them are inserted every K_HOP steps (also anomalous). Needs at least 2 OD values.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Kept original points keep their coordinates; generated points lie at their cell centres (one per cell) and are spaced in time by the trajectory's median sampling interval. After a midway detour or a route switch the following original points keep their spacing but are shifted in time so that time keeps increasing. The same seed gives the same output.&lt;/p&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Input trajectories&lt;/b&gt;, &lt;b&gt;Trajectory ID field&lt;/b&gt;, &lt;b&gt;Time field&lt;/b&gt;, &lt;b&gt;Sampling interval&lt;/b&gt; (advanced, default 15 s, lines without M): as in every DeepTraj tool.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OD field(s)&lt;/b&gt; (OD_FIELD, required): the field holding the OD of each trajectory, e.g. &lt;i&gt;od_id&lt;/i&gt; from &lt;i&gt;Assign OD pairs&lt;/i&gt;, or route fields such as bus route and direction (several fields, or a comma-separated list, are combined into one OD value). Trajectories with a NULL OD are ignored; the value of the first point counts.&lt;/li&gt;&lt;li&gt;&lt;b&gt;H3 resolution&lt;/b&gt; (RESOLUTION, default 10, 0-15): the paper uses 10 for Porto (0.015 km2 cells) and 9 for Translink buses.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Anomaly types&lt;/b&gt; (TYPES, default all five).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Trajectories per OD and type&lt;/b&gt; (PER_OD, default 500 as in the paper): source trajectories are drawn without replacement, so an OD with fewer usable trajectories gives fewer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Maximum hops between consecutive cells&lt;/b&gt; (K_HOP, default 3 as in the paper).&lt;/li&gt;&lt;li&gt;&lt;b&gt;BETA_MIN / BETA_MAX&lt;/b&gt; (defaults 0.3 / 0.7 as in the paper): range of the route-switching ratio &amp;beta;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Random seed&lt;/b&gt; (SEED, default 42).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Include normal trajectories&lt;/b&gt; (INCLUDE_NORMAL, default yes): also output up to PER_OD untouched trajectories per OD (anomaly_type 'normal', every point 0) so the test set has both classes.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Frequent-cell threshold&lt;/b&gt; (FREQ_THRESHOLD, advanced, default 0.1): a cell is frequent for an OD when its visit count divided by the OD's number of trajectories is above it (the paper's &amp;delta;&lt;sub&gt;od&lt;/sub&gt;, no value given there).&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Outputs: points (traj_id, source_traj_id, od, anomaly_type, is_anomaly 0/1, seq, time, h3), styled red for anomalous points; optional lines, one per trajectory (n_points, n_anomalous), styled by anomaly type. Results count the trajectories per type and the samples that could not be built (N_FAILED: no rare cells where a detour was needed).&lt;/p&gt;</source>
        <translation>&lt;p&gt;依照 CroTad（Xue et al.，第 5.1.2 节），由真实（假定为正常）的轨迹构建用于轨迹异常检测的带标注测试集。轨迹被映射为 H3 单元格序列（去除连续重复）。对于每个 OD 值，每条轨迹平均访问次数高于 FREQ_THRESHOLD 的单元格为&lt;i&gt;频繁&lt;/i&gt;单元格（即论文中的 S&lt;sub&gt;pos&lt;/sub&gt;，式 6）；其余均为&lt;i&gt;稀有&lt;/i&gt;单元格。绕行是由稀有单元格组成的链，其中相邻单元格之间至多相隔 K_HOP 个 H3 步，途经被替换部分旁 2 到 3&amp;times;K_HOP 环处的某个稀有单元格，并在 K_HOP 步之内重新汇入轨迹。异常类型：&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;首部绕行&lt;/b&gt;：开头的若干单元格被一段从起点附近开始的绕行替换。&lt;/li&gt;&lt;li&gt;&lt;b&gt;尾部绕行&lt;/b&gt;：末尾的若干单元格被一段在终点附近结束的绕行替换。&lt;/li&gt;&lt;li&gt;&lt;b&gt;中途绕行&lt;/b&gt;：中间的单元格被一段绕行替换。&lt;/li&gt;&lt;li&gt;&lt;b&gt;随机轨迹&lt;/b&gt;：整条轨迹变为从起点单元格到终点单元格、经过稀有单元格的随机游走；所有点都是异常点，包括位于（正常的）起点和终点单元格中的第一个点和最后一个点。&lt;/li&gt;&lt;li&gt;&lt;b&gt;路线切换&lt;/b&gt;：T1 的前 floor(&amp;beta;|T1|) 个单元格，接上 T2 从单元格 floor((1-&amp;beta;)|T2|) 到末尾的部分，其中 T2 来自&lt;i&gt;不同的&lt;/i&gt; OD，&amp;beta; ~ U(BETA_MIN, BETA_MAX)；T2 部分为异常。当两部分相距超过 K_HOP 步时，在它们之间的 H3 直线上每隔 K_HOP 步插入单元格（同样为异常）。至少需要 2 个 OD 值。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;保留的原始点保持原有坐标；生成的点位于其单元格中心（每个单元格一个），时间间隔取该轨迹采样间隔的中位数。在中途绕行或路线切换之后，后续原始点保持原有间隔，但在时间上平移，使时间保持递增。相同的种子生成相同的输出。&lt;/p&gt;&lt;h3&gt;参数&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;输入轨迹&lt;/b&gt;、&lt;b&gt;轨迹 ID 字段&lt;/b&gt;、&lt;b&gt;时间字段&lt;/b&gt;、&lt;b&gt;采样间隔&lt;/b&gt;（高级，默认 15 s，用于无 M 值的线）：与所有 DeepTraj 工具相同。&lt;/li&gt;&lt;li&gt;&lt;b&gt;OD 字段&lt;/b&gt;（OD_FIELD，必填）：保存每条轨迹 OD 的字段，例如&lt;i&gt;分配 OD 对&lt;/i&gt;生成的 &lt;i&gt;od_id&lt;/i&gt;，或公交线路和方向等线路字段（多个字段或以逗号分隔的列表会组合为一个 OD 值）。OD 为 NULL 的轨迹将被忽略；以第一个点的值为准。&lt;/li&gt;&lt;li&gt;&lt;b&gt;H3 分辨率&lt;/b&gt;（RESOLUTION，默认 10，0-15）：论文中 Porto 使用 10（0.015 km2 单元格），Translink 公交使用 9。&lt;/li&gt;&lt;li&gt;&lt;b&gt;异常类型&lt;/b&gt;（TYPES，默认全部五种）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;每个 OD 和类型的轨迹数&lt;/b&gt;（PER_OD，默认 500，与论文相同）：源轨迹采用无放回抽取，因此可用轨迹较少的 OD 生成的样本也较少。&lt;/li&gt;&lt;li&gt;&lt;b&gt;相邻单元格之间的最大跳数&lt;/b&gt;（K_HOP，默认 3，与论文相同）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;BETA_MIN / BETA_MAX&lt;/b&gt;（默认 0.3 / 0.7，与论文相同）：路线切换比例 &amp;beta; 的范围。&lt;/li&gt;&lt;li&gt;&lt;b&gt;随机种子&lt;/b&gt;（SEED，默认 42）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;包含正常轨迹&lt;/b&gt;（INCLUDE_NORMAL，默认是）：另外为每个 OD 输出至多 PER_OD 条未经修改的轨迹（anomaly_type 'normal'，所有点均为 0），使测试集包含两个类别。&lt;/li&gt;&lt;li&gt;&lt;b&gt;频繁单元格阈值&lt;/b&gt;（FREQ_THRESHOLD，高级，默认 0.1）：当某单元格的访问次数除以该 OD 的轨迹数大于此值时，该单元格对该 OD 而言为频繁单元格（即论文中的 &amp;delta;&lt;sub&gt;od&lt;/sub&gt;，论文未给出取值）。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;输出：点（traj_id、source_traj_id、od、anomaly_type、is_anomaly 0/1、seq、time、h3），异常点以红色显示；可选的线，每条轨迹一条（n_points、n_anomalous），按异常类型设置样式。结果统计每种类型的轨迹数以及无法构建的样本数（N_FAILED：需要绕行的位置没有稀有单元格）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="143" />
        <source>OD field(s) (OD id, or route [+ direction])</source>
        <translation>OD 字段（OD 编号，或线路 [+ 方向]）</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="146" />
        <source>H3 resolution (0-15)</source>
        <translation>H3 分辨率（0-15）</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="149" />
        <source>Anomaly types</source>
        <translation>异常类型</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="149" />
        <source>Head detour</source>
        <translation>首部绕行</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="149" />
        <source>Rear detour</source>
        <translation>尾部绕行</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="149" />
        <source>Midway detour</source>
        <translation>中途绕行</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="149" />
        <source>Random trajectory</source>
        <translation>随机轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="149" />
        <source>Route switching</source>
        <translation>路线切换</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="153" />
        <source>Trajectories per OD and type</source>
        <translation>每个 OD 和类型的轨迹数</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="156" />
        <source>Maximum hops between consecutive cells (k_hop)</source>
        <translation>相邻单元格之间的最大跳数（k_hop）</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="159" />
        <source>Route switching: minimum beta</source>
        <translation>路线切换：最小 beta</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="162" />
        <source>Route switching: maximum beta</source>
        <translation>路线切换：最大 beta</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="165" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="167" />
        <source>Include normal trajectories</source>
        <translation>包含正常轨迹</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="169" />
        <source>Frequent-cell threshold (visits per trajectory)</source>
        <translation>频繁单元格阈值（每条轨迹的访问次数）</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="174" />
        <source>Labelled points</source>
        <translation>已标注的点</translation>
    </message>
    <message>
        <location filename="../processing_provider/synthetic_anomalies.py" line="175" />
        <source>Labelled trajectories (lines)</source>
        <translation>已标注的轨迹（线）</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="57"/>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="59"/>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="61"/>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="63"/>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="65"/>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="67"/>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="91"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="97"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="97"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="15"/>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="16"/>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="27"/>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="33"/>
        <source>nothing to save to %1</source>
        <translation>没有可保存到 %1 的内容</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="37"/>
        <source>cannot encode %1 as PNG</source>
        <translation>无法将 %1 编码为 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="16"/>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="17"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="18"/>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="86"/>
        <source>%1 already exists; not replaced</source>
        <translation>%1 已存在，未替换</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="28"/>
        <source>Images (%1);;All files (*)</source>
        <translation>图像 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="69"/>
        <source>why “%1” (%2)</source>
        <translation>为何是“%1”（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="72"/>
        <source>attention · layer %1 · %2 · %3</source>
        <translation>注意力 · 第 %1 层 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="74"/>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="46"/>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="48"/>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="50"/>
        <source>mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="57"/>
        <source>max of heads</source>
        <translation>各头最大值</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="59"/>
        <source>min of heads</source>
        <translation>各头最小值</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="61"/>
        <source>mean of heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="76"/>
        <source>class token</source>
        <translation>类别令牌</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="76"/>
        <source>patch %1</source>
        <translation>图像块 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="78"/>
        <source>rollout · %1 layers · discard %2 %</source>
        <translation>rollout · %1 层 · 丢弃 %2%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="80"/>
        <source>GAE · %1</source>
        <translation>GAE · %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="82"/>
        <source>gradient rollout · %1</source>
        <translation>梯度 rollout · %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="84"/>
        <source>attention × gradient · %1</source>
        <translation>注意力 × 梯度 · %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="86"/>
        <source>occlusion · %1</source>
        <translation>遮挡 · %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="88"/>
        <source>random baseline · seed %1</source>
        <translation>随机基线 · 种子 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="90"/>
        <source>token norms · layer %1 output</source>
        <translation>令牌范数 · 第 %1 层输出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="100"/>
        <source>Why “%1” (%2)</source>
        <translation>为何是“%1”（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="103"/>
        <source>attention from the class token</source>
        <translation>来自类别令牌的注意力</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="104"/>
        <source>attention from the patch you clicked</source>
        <translation>来自你点击的图像块的注意力</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="106"/>
        <source>Layer %1, head %2 — %3</source>
        <translation>第 %1 层，头 %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="108"/>
        <source>Layer %1, %2 of all heads — %3</source>
        <translation>第 %1 层，所有头的 %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="111"/>
        <source>Attention rollout through all %1 layers</source>
        <translation>贯穿全部 %1 层的注意力 rollout</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="113"/>
        <source>%1 — GAE</source>
        <translation>%1 — GAE</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="115"/>
        <source>%1 — gradient rollout</source>
        <translation>%1 — 梯度 rollout</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="117"/>
        <source>%1 — attention × gradient</source>
        <translation>%1 — 注意力 × 梯度</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="119"/>
        <source>%1 — occlusion</source>
        <translation>%1 — 遮挡</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="121"/>
        <source>A random map (the baseline)</source>
        <translation>随机图（基线）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="123"/>
        <source>Token norms after layer %1</source>
        <translation>第 %1 层之后的令牌范数</translation>
    </message>
</context>
<context>
    <name>TourFacts</name>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="30"/>
        <source>The logit lens names “%1” from the very first layer on.</source>
        <translation>logit 透镜从第一层起就给出“%1”。</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="32"/>
        <source>The logit lens shows where it made up its mind: “%1” from layer %2 of %3 on (layers 0 to %4 pointed elsewhere).</source>
        <translation>logit 透镜显示了模型在哪里做出决定：从第 %2 层（共 %3 层）起为“%1”（第 0 至 %4 层指向别的类别）。</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="58"/>
        <source>prefix token %1</source>
        <translation>前缀标记 %1</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="61"/>
        <source>patch %1</source>
        <translation>图像块 %1</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="62"/>
        <source>row %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="66"/>
        <source> · itself</source>
        <translation> · 自身</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="120"/>
        <source>Here, as in the ViT paper, early layers look near and late layers look far.</source>
        <translation>与 ViT 论文一致，这里的浅层看得近，深层看得远。</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="122"/>
        <source>This model does the opposite of the ViT paper&apos;s finding: its late layers look nearer than its early ones.</source>
        <translation>这个模型与 ViT 论文的发现相反：它的深层比浅层看得更近。</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="126"/>
        <source>In this model, how far the heads look barely changes with depth.</source>
        <translation>在这个模型中，注意力头看得多远几乎不随深度变化。</translation>
    </message>
</context>
<context>
    <name>TourPanel</name>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="28"/>
        <source>%1 numbers; the first: %2 …</source>
        <translation>共 %1 个数；前几个：%2 …</translation>
    </message>
</context>
<context>
    <name>TourScript</name>
    <message>
        <location filename="../../ui/tour_script.cpp" line="21"/>
        <source>%1 could not be read</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <location filename="../../ui/tour_script.cpp" line="25"/>
        <source>%1 is too large for a tour</source>
        <translation>%1 太大，无法用作导览</translation>
    </message>
    <message>
        <location filename="../../ui/tour_script.cpp" line="44"/>
        <source>not valid JSON: %1 at byte %2</source>
        <translation>JSON 无效：%1（位于第 %2 字节）</translation>
    </message>
    <message>
        <location filename="../../ui/tour_script.cpp" line="61"/>
        <source>no steps (expected {&quot;steps&quot;: [{&quot;title&quot;: …, &quot;text&quot;: …}]})</source>
        <translation>没有步骤（应为 {&quot;steps&quot;: [{&quot;title&quot;: …, &quot;text&quot;: …}]}）</translation>
    </message>
    <message>
        <location filename="../../ui/tour_script.cpp" line="81"/>
        <source>Your tour file %1 was not used: %2</source>
        <translation>未使用你的导览文件 %1：%2</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::AnalysisWorker</name>
    <message>
        <location filename="../../ui/analysis_worker.cpp" line="168"/>
        <location filename="../../ui/analysis_worker.cpp" line="246"/>
        <location filename="../../ui/analysis_worker.cpp" line="287"/>
        <location filename="../../ui/analysis_worker.cpp" line="303"/>
        <location filename="../../ui/analysis_worker.cpp" line="320"/>
        <location filename="../../ui/analysis_worker.cpp" line="332"/>
        <location filename="../../ui/analysis_worker.cpp" line="345"/>
        <source>no model is loaded</source>
        <translation>未加载模型</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::AnatomyView</name>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="45"/>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="51"/>
        <source>Each tile is one learned patch-embedding filter (RGB), stretched to full contrast: what the first layer looks for in a patch.</source>
        <translation>每个小图是一个学到的图像块嵌入滤波器（RGB），已拉伸到全对比度：这就是第一层在图像块中寻找的东西。</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="53"/>
        <source>Patch-embedding filters</source>
        <translation>图像块嵌入滤波器</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="57"/>
        <source>The filters&apos; top principal components (cv::PCA), first at the top left: the basis the model uses to describe a patch (ViT paper, Figure 7 left).</source>
        <translation>滤波器的前几个主成分（cv::PCA），第一个位于左上角：模型用来描述图像块的基（ViT 论文图 7 左）。</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="59"/>
        <source>Principal components of the filters</source>
        <translation>滤波器的主成分</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="63"/>
        <source>Tile (r, c) shows how similar patch (r, c)&apos;s position embedding is to every other patch&apos;s (cosine, -1 dark to 1 bright): a trained model learns the 2-D layout this way (ViT paper, Figure 7 centre).</source>
        <translation>小图 (r, c) 显示图像块 (r, c) 的位置嵌入与其他每个图像块的位置嵌入有多相似（余弦相似度，-1 为暗，1 为亮）：训练好的模型正是这样学到二维布局的（ViT 论文图 7 中）。</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="66"/>
        <source>Position-embedding similarity</source>
        <translation>位置嵌入相似度</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="84"/>
        <source>input %1×%2, patch %3 (%4×%5 = %6 patches), width %7, %8 layers × %9 heads, MLP %10, %11 classes, %12 pooling&lt;br&gt;%13 parameters · %14</source>
        <translation>输入 %1×%2，图像块 %3（%4×%5 = %6 个图像块），宽度 %7，%8 层 × %9 个头，MLP %10，%11 个类别，%12池化&lt;br&gt;%13 个参数 · %14</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="97"/>
        <source>class-token</source>
        <translation>类别令牌</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="97"/>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="112"/>
        <source>Training recipe: %1</source>
        <translation>训练配方：%1</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::AttentionControls</name>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="48"/>
        <source>Attention (one layer)</source>
        <translation>注意力（单层）</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="49"/>
        <source>Attention rollout</source>
        <translation>注意力 rollout</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="50"/>
        <source>Why this class: GAE</source>
        <translation>为何是此类别：GAE</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="51"/>
        <source>Why this class: gradient rollout</source>
        <translation>为何是此类别：梯度 rollout</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="52"/>
        <source>Why this class: attention × gradient</source>
        <translation>为何是此类别：注意力 × 梯度</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="53"/>
        <source>Why this class: occlusion</source>
        <translation>为何是此类别：遮挡</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="54"/>
        <source>Random (baseline)</source>
        <translation>随机（基线）</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="55"/>
        <source>Token norms (one layer)</source>
        <translation>令牌范数（单层）</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="57"/>
        <source>Chefer et al. 2021: every layer&apos;s attention weighted by its gradient for the class, accumulated from the first layer to the last.</source>
        <translation>Chefer 等人 2021：每一层的注意力按其对该类别的梯度加权，从第一层累积到最后一层。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="61"/>
        <source>Rollout of each layer&apos;s attention times its gradient for the class (vit-explain, with its normalisation fixed).</source>
        <translation>将每一层的注意力乘以其对该类别的梯度后做 rollout（即 vit-explain 的方法，修正了其归一化）。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="65"/>
        <source>The last layer&apos;s attention from the class token, each head weighted by its mean gradient for the class.</source>
        <translation>最后一层来自类别令牌的注意力，每个头按其对该类别的平均梯度加权。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="69"/>
        <source>How much the class&apos;s probability drops when each patch is replaced by the mean colour: one forward pass per patch, no gradients.</source>
        <translation>把每个图像块替换为平均颜色时，该类别的概率下降多少：每个图像块一次前向传播，不需要梯度。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="72"/>
        <source>Random values per patch: what a map that explains nothing looks like.</source>
        <translation>每个图像块取随机值：一张什么也解释不了的图就是这个样子。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="74"/>
        <source>The length (L2 norm) of each patch token after the chosen layer: the few very long &quot;artifact&quot; tokens large ViTs make (Darcet et al. 2023) stand out. The prefix tokens&apos; norms are listed under the controls.</source>
        <translation>所选层之后每个图像块令牌的长度（L2 范数）：大型 ViT 产生的少数很长的“伪影”令牌（Darcet 等人 2023）会格外醒目。前缀令牌的范数列在控件下方。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="79"/>
        <source>One layer&apos;s attention weights; rollout, the attention of all layers multiplied together (R); or why the model chose a class — click a class in Prediction to explain that one.</source>
        <translation>单层的注意力权重；rollout，即所有层注意力的连乘（R）；或者模型为何选择某个类别——在“预测”中点击一个类别即可解释它。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="81"/>
        <source>&amp;Method</source>
        <translation>方法(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="85"/>
        <source>top class</source>
        <translation>最可能的类别</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="88"/>
        <source>The class the &quot;Why this class&quot; methods explain: type a class name (empty: the top class), or click a bar in Prediction.</source>
        <translation>“为何是此类别”方法所解释的类别：输入类别名称（留空：最可能的类别），或在“预测”中点击一个条形。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="94"/>
        <source>Cl&amp;ass</source>
        <translation>类别(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="97"/>
        <source>Which transformer block&apos;s attention to show, 0 = first (Page Up / Page Down).</source>
        <translation>显示哪个 Transformer 块的注意力，0 = 第一个（Page Up / Page Down）。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="98"/>
        <source>&amp;Layer</source>
        <translation>层(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="102"/>
        <source>One attention head, or the mean, maximum or minimum over all heads of the layer (H / Shift+H).</source>
        <translation>单个注意力头，或该层所有头的平均值、最大值或最小值（H / Shift+H）。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="104"/>
        <source>H&amp;ead</source>
        <translation>头(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="107"/>
        <source>Class token</source>
        <translation>类别令牌</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="108"/>
        <source>Patch (click the image)</source>
        <translation>图像块（点击图像）</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="110"/>
        <source>Whose attention to show: the class token&apos;s (what the classifier reads), or a patch&apos;s — then click the image to pick the patch (Q).</source>
        <translation>显示谁的注意力：类别令牌的（分类器读取的内容），或某个图像块的——此时点击图像来选择图像块（Q）。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="118"/>
        <source>&amp;Query</source>
        <translation>查询(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="123"/>
        <source>The colours of the heat map; viridis, inferno and magma stay readable in grey and for colour-blind viewers.</source>
        <translation>热力图的配色；viridis、inferno 和 magma 在灰度下以及对色盲观众都依然清晰可读。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="125"/>
        <source>&amp;Colours</source>
        <translation>颜色(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="129"/>
        <source>How strongly the heat map covers the image (0 % shows the plain image).</source>
        <translation>热力图覆盖图像的强度（0% 显示原图）。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="130"/>
        <source>&amp;Opacity</source>
        <translation>不透明度(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="135"/>
        <source>Outline the fewest patches that hold this share of the attention, as DINO does (0 % turns the outline off).</source>
        <translation>勾勒出占据这一比例注意力的最少图像块，与 DINO 的做法相同（0% 关闭轮廓）。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="137"/>
        <source>Mass &amp;outline</source>
        <translation>注意力占比轮廓(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="142"/>
        <source>Rollout only: drop this fraction of the weakest attention weights in every layer before multiplying, which sharpens the map.</source>
        <translation>仅用于 rollout：相乘之前丢弃每层中这一比例的最弱注意力权重，使图更清晰。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="144"/>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="147"/>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="147"/>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="147"/>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="148"/>
        <source>Rollout only: how the heads of each layer are combined before multiplying.</source>
        <translation>仅用于 rollout：相乘之前如何合并每层的各个头。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="149"/>
        <source>Head &amp;fusion</source>
        <translation>头融合(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="151"/>
        <source>Patch &amp;grid</source>
        <translation>图像块网格(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="152"/>
        <source>Draw the grid of patches the model cuts the image into, over the region it saw (G).</source>
        <translation>在模型看到的区域上画出模型把图像切分成的图像块网格（G）。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="153"/>
        <source>&amp;Heat map</source>
        <translation>热力图(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="154"/>
        <source>Show or hide the heat map over the image (M).</source>
        <translation>显示或隐藏图像上的热力图（M）。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="166"/>
        <source>How much of the query&apos;s attention goes to the prefix tokens (class, distillation, registers) rather than to the patches the map shows.</source>
        <translation>查询的注意力有多少流向了前缀令牌（类别、蒸馏、寄存器），而不是图中显示的图像块。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="207"/>
        <source>mean of heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="207"/>
        <source>max of heads</source>
        <translation>各头最大值</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="207"/>
        <source>min of heads</source>
        <translation>各头最小值</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="208"/>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="278"/>
        <source>&quot;%1&quot; is none of the model&apos;s classes.</source>
        <translation>“%1”不是该模型的类别。</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="344"/>
        <source>patch %1</source>
        <translation>图像块 %1</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="349"/>
        <source>off</source>
        <translation>关</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::AttentionDistanceChart</name>
    <message>
        <location filename="../../ui/attention_distance_chart.cpp" line="18"/>
        <source>Attention distance (px)</source>
        <translation>注意力距离（像素）</translation>
    </message>
    <message>
        <location filename="../../ui/attention_distance_chart.cpp" line="26"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../ui/attention_distance_chart.cpp" line="34"/>
        <source>px</source>
        <translation>像素</translation>
    </message>
    <message>
        <location filename="../../ui/attention_distance_chart.cpp" line="43"/>
        <source>How far each head looks, on average, weighted by its attention (ViT paper, Figure 7): one dot per head, by depth.</source>
        <translation>每个头平均看多远（按其注意力加权，见 ViT 论文图 7）：每个头一个点，按深度排列。</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::ConfusionView</name>
    <message>
        <location filename="../../ui/confusion_view.cpp" line="27"/>
        <source>Rows: the true class (with its accuracy); columns: what the model predicted. A cell&apos;s colour is its share of the row. Click a cell to list its images.</source>
        <translation>行：真实类别（及其准确率）；列：模型的预测。单元格的颜色表示它在该行中所占的比例。点击单元格可列出其中的图像。</translation>
    </message>
    <message>
        <location filename="../../ui/confusion_view.cpp" line="83"/>
        <source>File › Evaluate Folder… runs the model on a folder of class sub-folders</source>
        <translation>“文件 › 评估文件夹…”会在按类别分子文件夹的文件夹上运行模型</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::EvaluationPanel</name>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="113"/>
        <source>File › Evaluate Folder… (Ctrl+E) runs the model on a folder of class sub-folders named like its labels.</source>
        <translation>“文件 › 评估文件夹…”（Ctrl+E）会在一个文件夹上运行模型，其中每个类别一个子文件夹，按模型的标签命名。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="122"/>
        <source>%v of %m images</source>
        <translation>%v / %m 张图像</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="123"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="134"/>
        <source>The most confused pairs (true → predicted); click one to list its images.</source>
        <translation>最常混淆的类别对（真实 → 预测）；点击其中一对可列出其图像。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="147"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="147"/>
        <source>Every image of the folder.</source>
        <translation>文件夹中的所有图像。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="148"/>
        <source>Least Confident Correct</source>
        <translation>最不确定的正确结果</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="149"/>
        <source>Right answers, the least sure first.</source>
        <translation>正确的回答，最不确定的排在前面。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="150"/>
        <source>Most Confident Wrong</source>
        <translation>最确定的错误结果</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="151"/>
        <source>Mistakes, the surest first.</source>
        <translation>错误的回答，最确定的排在前面。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="169"/>
        <source>Click a column to sort; double-click an image to open it.</source>
        <translation>点击列标题排序；双击图像将其打开。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="181"/>
        <source>Save JSON…</source>
        <translation>保存 JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="182"/>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="183"/>
        <source>Save Matrix PNG…</source>
        <translation>保存矩阵 PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="209"/>
        <source>Evaluating %1…</source>
        <translation>正在评估 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="234"/>
        <source>%1: %2 images, accuracy %3 % (%4 images/s)</source>
        <translation>%1：%2 张图像，准确率 %3%（每秒 %4 张）</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="239"/>
        <source>; %1 could not be read (listed as unreadable)</source>
        <translation>；%1 张无法读取（标为“无法读取”）</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="240"/>
        <source>; cancelled: the numbers cover the images done</source>
        <translation>；已取消：这些数字只涵盖已处理的图像</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::FaithfulnessPanel</name>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="34"/>
        <source>&amp;Measure This Map</source>
        <translation>测量此图(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="36"/>
        <source>Remove the patches the map ranks highest (positive) or lowest (negative), in steps of 10 %, and watch whether the model still predicts its class; the random baseline beside it. Runs in the background.</source>
        <translation>以 10% 为步长，移除图中排名最高（正向）或最低（负向）的图像块，观察模型是否仍预测出原来的类别；旁边是随机基线。在后台运行。</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="38"/>
        <source>&amp;Compare Methods</source>
        <translation>比较方法(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="39"/>
        <source>The same for every method on this image, as a table of areas under the curves.</source>
        <translation>在此图像上对每种方法做同样的测量，结果列成曲线下面积表。</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="46"/>
        <source>Perturbation: is the class still on top as patches are removed?</source>
        <translation>扰动：移除图像块时，该类别是否仍排在首位？</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="51"/>
        <source>fraction of patches removed</source>
        <translation>移除的图像块比例</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="55"/>
        <source>still the top class</source>
        <translation>仍为最可能的类别</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>positive ↓</source>
        <translation>正向 ↓</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>negative ↑</source>
        <translation>负向 ↑</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>deletion ↓</source>
        <translation>删除 ↓</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>insertion ↑</source>
        <translation>插入 ↑</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="78"/>
        <source>Areas under the curves x 100 over 0–90 % removed, for this image: positive and deletion lower is better (removing what the map ranks first hurts at once), negative and insertion higher.</source>
        <translation>此图像在移除 0–90% 范围内的曲线下面积 x 100：正向和删除越低越好（移除图中排名靠前的部分会立刻造成影响），负向和插入越高越好。</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="99"/>
        <source>%1 pos.</source>
        <translation>%1 正向</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="100"/>
        <source>%1 neg.</source>
        <translation>%1 负向</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="101"/>
        <source>random pos.</source>
        <translation>随机 正向</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="102"/>
        <source>random neg.</source>
        <translation>随机 负向</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="110"/>
        <source>positive %1, negative %2, deletion %3, insertion %4</source>
        <translation>正向 %1，负向 %2，删除 %3，插入 %4</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="116"/>
        <source>Scored against “%1”. AUC, %2: %3.
random: %4.
One image&apos;s curves step between 0 and 1; averages over a folder: vitlens-cli faithfulness.</source>
        <translation>以“%1”为目标计分。AUC，%2：%3。
随机：%4。
单张图像的曲线只在 0 和 1 之间跳变；整个文件夹的平均值请用：vitlens-cli faithfulness。</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="143"/>
        <source>Measure how faithful the map is to the model: remove what it ranks first and see whether the prediction survives.</source>
        <translation>测量此图对模型的忠实度：移除它排名靠前的部分，看预测是否还能保持。</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::Filmstrip</name>
    <message>
        <location filename="../../ui/filmstrip.cpp" line="33"/>
        <source>The images in the opened folder; click one, or use the Left and Right arrow keys.</source>
        <translation>已打开文件夹中的图像；点击其中一张，或使用左右方向键。</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::HeadsGrid</name>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="40"/>
        <source>Every layer&apos;s heads, each seen from the current query. Click a tile to show it large; Ctrl+click switches the head off (ablation) and shows what the model predicts without it.</source>
        <translation>每一层的各个头，均从当前查询的角度显示。点击小图可放大显示；Ctrl+点击会关闭该头（消融），并显示模型没有它时的预测。</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="104"/>
        <source>Open an image to see every head</source>
        <translation>打开一张图像以查看所有头</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="201"/>
        <source>Head importance for “%1”: the change in its probability, in percentage points, when each head alone is switched off. Red: the class needs the head; blue: it does better without it. Measured on the image as it is, with no head or patch changed.</source>
        <translation>“%1”的头重要性：单独关闭每个头时其概率的变化（百分点）。红色：该类别需要这个头；蓝色：没有它效果更好。在原始图像上测量，未改动任何头或图像块。</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="247"/>
        <source>Layer %1, head %2</source>
        <translation>第 %1 层，头 %2</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="258"/>
        <source> · patch %1 (row %2, col %3): dropped</source>
        <translation> · 图像块 %1（第 %2 行，第 %3 列）：已丢弃</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="259"/>
        <source> · patch %1 (row %2, col %3): %4</source>
        <translation> · 图像块 %1（第 %2 行，第 %3 列）：%4</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="266"/>
        <source> · switched off (Ctrl+click to switch it on)</source>
        <translation> · 已关闭（Ctrl+点击可重新打开）</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::HubDownloadDialog</name>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="27"/>
        <source>ViT-B/16, ImageNet-1k (transformers), ~346 MB</source>
        <translation>ViT-B/16，ImageNet-1k（transformers），约 346 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="29"/>
        <source>ViT-B/16 augreg, ImageNet-1k (timm), ~346 MB</source>
        <translation>ViT-B/16 augreg，ImageNet-1k（timm），约 346 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="31"/>
        <source>DeiT-S/16, ImageNet-1k (transformers), ~88 MB</source>
        <translation>DeiT-S/16，ImageNet-1k（transformers），约 88 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="33"/>
        <source>DINOv2 ViT-S/14 with 4 registers, features (timm), ~88 MB</source>
        <translation>DINOv2 ViT-S/14，带 4 个寄存器令牌，特征提取（timm），约 88 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="35"/>
        <source>ViT-Ti/16, ImageNet-1k (timm), ~23 MB</source>
        <translation>ViT-Ti/16，ImageNet-1k（timm），约 23 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="43"/>
        <source>Download from Hugging Face</source>
        <translation>从 Hugging Face 下载</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="55"/>
        <source>ORG/NAME of a ViT on the hub (timm or transformers, with model.safetensors); the list offers a few known to work.</source>
        <translation>模型中心上某个 ViT 的 ORG/NAME（timm 或 transformers，需带 model.safetensors）；列表中给出了几个确认可用的模型。</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="57"/>
        <source>&amp;Repository</source>
        <translation>仓库(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="59"/>
        <source>A branch, tag or commit.</source>
        <translation>分支、标签或提交。</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="60"/>
        <source>Re&amp;vision</source>
        <translation>修订版本(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="62"/>
        <source>Files go into the Hugging Face cache (%1), where timm and transformers find them too.</source>
        <translation>文件会存入 Hugging Face 缓存（%1），timm 和 transformers 也能在那里找到它们。</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="72"/>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="73"/>
        <source>Cancel Download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="104"/>
        <source>Asking the hub about %1…</source>
        <translation>正在向模型中心查询 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="136"/>
        <source>Cancelling… (what arrived stays in the cache as .incomplete, to resume next time)</source>
        <translation>正在取消…（已下载的部分以 .incomplete 的形式留在缓存中，下次可以继续）</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="154"/>
        <source>, %1 s left</source>
        <translation>，剩余 %1 秒</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="155"/>
        <source>%1: %2 of %3 MB (%4 MB/s%5)</source>
        <translation>%1：%2 / %3 MB（%4 MB/s%5）</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="165"/>
        <source>Cancelled. Nothing incomplete looks like a model; Download resumes what arrived.</source>
        <translation>已取消。未下载完的文件不会被当作模型；点击“下载”可从已下载的部分继续。</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="167"/>
        <source>Could not download: %1</source>
        <translation>无法下载：%1</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="169"/>
        <source>%1 is in the cache; opening it.</source>
        <translation>%1 已在缓存中，正在打开。</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::HubModelsDialog</name>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="24"/>
        <source>Models on This Computer</source>
        <translation>本机上的模型</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="41"/>
        <source>Also list the models vitlens cannot open, with the reason</source>
        <translation>同时列出 vitlens 无法打开的模型及原因</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="44"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="59"/>
        <source>The Hugging Face cache at %1 (HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub), where timm and transformers keep what they download. vitlens opens ViT and DeiT models with .safetensors weights.</source>
        <translation>位于 %1 的 Hugging Face 缓存（HF_HUB_CACHE、$HF_HOME/hub 或 ~/.cache/huggingface/hub），timm 和 transformers 下载的内容都保存在这里。vitlens 可以打开带 .safetensors 权重的 ViT 和 DeiT 模型。</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="78"/>
        <source>cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="90"/>
        <source>No ViT there yet: `huggingface-cli download timm/vit_base_patch16_224.augreg2_in21k_ft_in1k` (or any timm / transformers ViT) puts one there.</source>
        <translation>这里还没有 ViT：运行 `huggingface-cli download timm/vit_base_patch16_224.augreg2_in21k_ft_in1k`（或任意 timm / transformers 的 ViT）即可下载一个到这里。</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::LensStrip</name>
    <message>
        <location filename="../../ui/lens_strip.cpp" line="17"/>
        <source>Logit lens: what the model would predict if its blocks stopped after each layer (the final norm and head applied there). Where the top class settles is where the model makes up its mind.</source>
        <translation>Logit lens：如果模型的块在每一层之后就停下（在那里接上最终归一化和分类头），模型会预测什么。最可能的类别在哪一层稳定下来，模型就在哪里做出了决定。</translation>
    </message>
    <message>
        <location filename="../../ui/lens_strip.cpp" line="46"/>
        <source>Logit lens: open an image</source>
        <translation>Logit lens：请打开一张图像</translation>
    </message>
    <message>
        <location filename="../../ui/lens_strip.cpp" line="46"/>
        <source>Logit lens: the top class after each layer</source>
        <translation>Logit lens：每层之后最可能的类别</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::LiveInput</name>
    <message>
        <location filename="../../ui/live_input.cpp" line="78"/>
        <source>%1 ended after %2 frames.</source>
        <translation>%1 在 %2 帧后结束。</translation>
    </message>
    <message>
        <location filename="../../ui/live_input.cpp" line="174"/>
        <source>No camera found on this computer.</source>
        <translation>在此计算机上未找到摄像头。</translation>
    </message>
    <message>
        <location filename="../../ui/live_input.cpp" line="185"/>
        <source>The camera stopped: %1</source>
        <translation>摄像头已停止：%1</translation>
    </message>
    <message>
        <location filename="../../ui/live_input.cpp" line="187"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::MainWindow</name>
    <message>
        <location filename="../../ui/main_window.cpp" line="73"/>
        <source>Could not measure head importance: %1</source>
        <translation>无法测量头重要性：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="75"/>
        <source>Could not run the experiment: %1</source>
        <translation>无法运行实验：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="77"/>
        <source>Could not measure faithfulness: %1</source>
        <translation>无法测量忠实度：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="81"/>
        <source>Could not work out the query&apos;s attention: %1</source>
        <translation>无法计算查询的注意力：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="85"/>
        <source>Could not compute the attention map: %1</source>
        <translation>无法计算注意力图：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="102"/>
        <source>Open an image (Ctrl+O), drop one here, paste one (Ctrl+V),
or pick a photo from File › Samples.</source>
        <translation>打开一张图像（Ctrl+O）、拖放到这里、粘贴（Ctrl+V），
或从“文件 › 示例图片”中选一张照片。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="134"/>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="135"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="136"/>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="137"/>
        <source>Model anatomy</source>
        <translation>模型剖析</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="138"/>
        <source>Faithfulness</source>
        <translation>忠实度</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="139"/>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_tour.cpp" line="38"/>
        <source>Teach</source>
        <translation>教学</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="156"/>
        <source>loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="163"/>
        <source>The model is working in the background; the window stays usable.</source>
        <translation>模型正在后台工作，窗口仍可使用。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="190"/>
        <source>Save Results as JSON</source>
        <translation>将结果保存为 JSON</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="190"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="194"/>
        <source>Save Results as CSV</source>
        <translation>将结果保存为 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="194"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="198"/>
        <source>Save Confusion Matrix as PNG</source>
        <translation>将混淆矩阵保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="198"/>
        <location filename="../../ui/main_window_actions.cpp" line="46"/>
        <location filename="../../ui/main_window_actions.cpp" line="50"/>
        <location filename="../../ui/main_window_actions.cpp" line="54"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="204"/>
        <source>Evaluated %1: accuracy %2 %</source>
        <translation>已评估 %1：准确率 %2%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="210"/>
        <location filename="../../ui/main_window.cpp" line="211"/>
        <source>Could not evaluate the folder: %1</source>
        <translation>无法评估该文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="256"/>
        <source>untrained: random weights</source>
        <translation>未训练：随机权重</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="266"/>
        <source>Could not draw the model&apos;s anatomy: %1</source>
        <translation>无法绘制模型剖析：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="271"/>
        <source>Loaded %1 on %2 in %3 ms</source>
        <translation>已在 %2 上加载 %1，用时 %3 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="280"/>
        <source>%1 · %2×%3, position embeddings interpolated · %4</source>
        <translation>%1 · %2×%3，位置嵌入已插值 · %4</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="285"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="277"/>
        <source>outside the region the model saw</source>
        <translation>在模型看到的区域之外</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="287"/>
        <source>Set Query to &quot;Patch&quot; (Q) to see what a clicked patch attends to.</source>
        <translation>将“查询”设为“图像块”（Q），即可查看被点击的图像块关注什么。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="293"/>
        <source>Patch %1 is dropped from the model&apos;s input: it asks nothing.</source>
        <translation>图像块 %1 已从模型输入中丢弃：它不发出任何查询。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="189"/>
        <source>Faithfulness needs an image and a model with a classifier head.</source>
        <translation>忠实度需要一张图像和一个带分类头的模型。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="364"/>
        <source>vitlens</source>
        <translation>vitlens</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="46"/>
        <source>Save Overlay</source>
        <translation>保存叠加图</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="50"/>
        <source>Save Heads Grid</source>
        <translation>保存注意力头网格</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="54"/>
        <source>Save Model Anatomy</source>
        <translation>保存模型剖析</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="58"/>
        <source>Save Map</source>
        <translation>保存图</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="58"/>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="155"/>
        <source>Mouse: wheel zooms, drag pans, click picks the query patch in Patch mode.</source>
        <translation>鼠标：滚轮缩放，拖动平移；在“图像块”模式下单击可选择查询图像块。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="156"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="160"/>
        <source>About vitlens</source>
        <translation>关于 vitlens</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="161"/>
        <source>&lt;b&gt;vitlens %1&lt;/b&gt;&lt;p&gt;See what a Vision Transformer looks at: per-layer and per-head attention, rollout, the patch grid and the learned filters.&lt;/p&gt;&lt;p&gt;Sample photos: scikit-image sample data (CC0 / public domain), see resources/samples/README.md.&lt;/p&gt;</source>
        <translation>&lt;b&gt;vitlens %1&lt;/b&gt;&lt;p&gt;看看 Vision Transformer 在看什么：逐层、逐头的注意力，rollout，图像块网格，以及学到的滤波器。&lt;/p&gt;&lt;p&gt;示例照片：scikit-image 示例数据（CC0 / 公有领域），详见 resources/samples/README.md。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="17"/>
        <source>Evaluate Folder</source>
        <translation>评估文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="38"/>
        <source>An evaluation is running: cancel it first.</source>
        <translation>正在进行评估：请先取消。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="42"/>
        <source>Evaluating a folder needs a model with a classifier head.</source>
        <translation>评估文件夹需要带分类头的模型。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="71"/>
        <source>No images in %1.</source>
        <translation>%1 中没有图像。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="79"/>
        <source>%1: %2 images in the filmstrip (Left and Right step through them)</source>
        <translation>%1：胶片栏中有 %2 张图像（用左右方向键逐张浏览）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="93"/>
        <location filename="../../ui/main_window_evaluation.cpp" line="103"/>
        <location filename="../../ui/main_window_evaluation.cpp" line="109"/>
        <source>no folder has been evaluated yet</source>
        <translation>尚未评估任何文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="53"/>
        <source>At least one patch must stay: the model needs something to look at.</source>
        <translation>至少要保留一个图像块：模型需要有东西可看。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="65"/>
        <source>Drop patches: click or drag over the image to remove patches, Shift to put them back (D to stop).</source>
        <translation>丢弃图像块：在图像上点击或拖动来移除图像块，按住 Shift 可放回（按 D 结束）。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="102"/>
        <source>Dropped the %1 most important patches of this map.</source>
        <translation>已丢弃此图中最重要的 %1 个图像块。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="113"/>
        <source>Head importance needs an image and a model with a classifier head.</source>
        <translation>头重要性需要一张图像和一个带分类头的模型。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="116"/>
        <source>Switching every head off in turn…</source>
        <translation>正在依次关闭每个头…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="124"/>
        <source>Head importance for “%1”: %2 heads, one forward pass each, in %3 ms</source>
        <translation>“%1”的头重要性：%2 个头，每个一次前向传播，用时 %3 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="135"/>
        <source>1 head switched off</source>
        <translation>关闭了 1 个头</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="135"/>
        <source>%1 heads switched off</source>
        <translation>关闭了 %1 个头</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="136"/>
        <source>1 patch dropped</source>
        <translation>丢弃了 1 个图像块</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="136"/>
        <source>%1 patches dropped</source>
        <translation>丢弃了 %1 个图像块</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="48"/>
        <source>cannot read the sample %1</source>
        <translation>无法读取示例图片 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="55"/>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="61"/>
        <source>Open Video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="62"/>
        <source>Videos (*.mp4 *.m4v *.mov *.avi *.mkv *.webm *.mpg *.mpeg *.ogv *.wmv);;All files (*)</source>
        <translation>视频 (*.mp4 *.m4v *.mov *.avi *.mkv *.webm *.mpg *.mpeg *.ogv *.wmv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="69"/>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="76"/>
        <source>%1 holds no images (%2)</source>
        <translation>%1 中没有图像（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="88"/>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="89"/>
        <source>Models (*.safetensors config.json);;All files (*)</source>
        <translation>模型 (*.safetensors config.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="94"/>
        <source>Open Model Folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="103"/>
        <source>Input Size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="104"/>
        <source>Input size in pixels, N or HxW, a multiple of the patch size %1 (empty: the model&apos;s own):</source>
        <translation>输入尺寸（像素），N 或 HxW（高 x 宽），须为图像块大小 %1 的倍数（留空：使用模型自身的尺寸）：</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="122"/>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="128"/>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图像。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="135"/>
        <source>Copied the view to the clipboard</source>
        <translation>已将视图复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="145"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="152"/>
        <source>there is no image to save yet</source>
        <translation>还没有可保存的图像</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="153"/>
        <location filename="../../ui/main_window_files.cpp" line="159"/>
        <location filename="../../ui/main_window_files.cpp" line="165"/>
        <location filename="../../ui/main_window_files.cpp" line="171"/>
        <source>%1 already exists; not replaced</source>
        <translation>%1 已存在，未替换</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="158"/>
        <source>there are no head maps to save yet</source>
        <translation>还没有可保存的注意力头图</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="164"/>
        <source>no model is loaded yet</source>
        <translation>尚未加载模型</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="170"/>
        <source>there is no attention map to save yet</source>
        <translation>还没有可保存的注意力图</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="200"/>
        <source>dropped image</source>
        <translation>拖放的图像</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="173"/>
        <source>Prefix-token norms (not in the map): %1</source>
        <translation>前缀令牌范数（不在图中）：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="178"/>
        <source>Attention to prefix tokens (not in the map): %1</source>
        <translation>对前缀令牌的注意力（不在图中）：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="266"/>
        <source>Could not render the attention: %1</source>
        <translation>无法渲染注意力：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="34"/>
        <source>Could not open the video: %1</source>
        <translation>无法打开视频：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="51"/>
        <source>Live: %1</source>
        <translation>实时：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="62"/>
        <source>Paused: %1, frame %2</source>
        <translation>已暂停：%1，第 %2 帧</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="115"/>
        <source>Live: %1 · %2 fps · %3 ms · %4 dropped</source>
        <translation>实时：%1 · %2 fps · %3 ms · 丢弃 %4 帧</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="120"/>
        <source>Frames shown per second, the time from a frame&apos;s capture to its overlay on screen, and the frames skipped because the model was still busy with an earlier one (they are dropped, never queued). %1 frames read, %2 shown.</source>
        <translation>每秒显示的帧数、从一帧被捕获到其叠加图显示在屏幕上的时间，以及因模型仍在处理前一帧而跳过的帧（这些帧被直接丢弃，从不排队）。已读取 %1 帧，显示 %2 帧。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_presentation.cpp" line="63"/>
        <location filename="../../ui/main_window_presentation.cpp" line="72"/>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_presentation.cpp" line="64"/>
        <location filename="../../ui/main_window_presentation.cpp" line="73"/>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_tour.cpp" line="71"/>
        <source>The tour&apos;s texts are missing from this build.</source>
        <translation>此版本缺少导览文本。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_tour.cpp" line="211"/>
        <source>Open an image (Ctrl+O) or pick one from File › Samples: the tour&apos;s numbers come from it.</source>
        <translation>打开一张图像（Ctrl+O），或从“文件 › 示例图片”中选择一张：导览中的数字都来自这张图像。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_tour.cpp" line="219"/>
        <source>%1 token</source>
        <translation>%1 令牌</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::ModelSession</name>
    <message>
        <location filename="../../ui/model_session.cpp" line="66"/>
        <source>CUDA is not available on this machine (no NVIDIA GPU, or LibTorch was built without CUDA); staying on the CPU.</source>
        <translation>此计算机上没有可用的 CUDA（没有 NVIDIA GPU，或 LibTorch 编译时未启用 CUDA）；继续使用 CPU。</translation>
    </message>
    <message>
        <location filename="../../ui/model_session.cpp" line="102"/>
        <source>%1: no image data</source>
        <translation>%1：没有图像数据</translation>
    </message>
    <message>
        <location filename="../../ui/model_session.cpp" line="188"/>
        <source>Could not load the model: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::OverlayRenderer</name>
    <message>
        <location filename="../../ui/overlay_renderer.cpp" line="106"/>
        <source>patch %1 (row %2, col %3) · dropped from the model&apos;s input</source>
        <translation>图像块 %1（第 %2 行，第 %3 列）· 已从模型输入中丢弃</translation>
    </message>
    <message>
        <location filename="../../ui/overlay_renderer.cpp" line="113"/>
        <source>patch %1 (row %2, col %3) · token %4 · attention %5</source>
        <translation>图像块 %1（第 %2 行，第 %3 列）· 令牌 %4 · 注意力 %5</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::PredictionPanel</name>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="20"/>
        <source>The model&apos;s most likely classes for this image, with their softmax probabilities. Click a class to see why the model would choose it.</source>
        <translation>模型对这张图像给出的最可能类别及其 softmax 概率。点击一个类别，查看模型为何会选择它。</translation>
    </message>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="62"/>
        <source>%1 · %2 ms</source>
        <translation>%1 · %2 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="107"/>
        <location filename="../../ui/prediction_panel.cpp" line="184"/>
        <source>Classifying…</source>
        <translation>正在分类…</translation>
    </message>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="109"/>
        <source>No image yet</source>
        <translation>还没有图像</translation>
    </message>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="110"/>
        <source>This model has no classifier head: it shows attention only.
%1</source>
        <translation>此模型没有分类头：只显示注意力。
%1</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::TourPanel</name>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="82"/>
        <source>q·k/√d</source>
        <translation>q·k/√d</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="82"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="82"/>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="93"/>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="94"/>
        <source>The previous step (Page Up)</source>
        <translation>上一步（Page Up）</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="95"/>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="96"/>
        <source>The next step (Page Down)</source>
        <translation>下一步（Page Down）</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="98"/>
        <source>End Tour</source>
        <translation>结束导览</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="139"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::WindowActions</name>
    <message>
        <location filename="../../ui/window_actions.cpp" line="49"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="51"/>
        <source>&amp;Tour: How a ViT Sees Your Image</source>
        <translation>导览：ViT 如何看你的图像(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="51"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="52"/>
        <source>A guided tour through the model, step by step, on the image shown (the Teach panel).</source>
        <translation>在当前显示的图像上一步一步地带你了解模型（“教学”面板）。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="53"/>
        <source>Tour: &amp;Next Step</source>
        <translation>导览：下一步(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="53"/>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="54"/>
        <source>The tour&apos;s next step (Page Down in presentation mode).</source>
        <translation>导览的下一步（演示模式下按 Page Down）。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="55"/>
        <source>Tour: &amp;Previous Step</source>
        <translation>导览：上一步(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="56"/>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="56"/>
        <source>The tour&apos;s previous step (Page Up in presentation mode).</source>
        <translation>导览的上一步（演示模式下按 Page Up）。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="58"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="59"/>
        <source>List the shortcuts.</source>
        <translation>列出快捷键。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="61"/>
        <source>&amp;About vitlens</source>
        <translation>关于 vitlens(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="61"/>
        <source>Version and credits.</source>
        <translation>版本与致谢。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="67"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="69"/>
        <source>&amp;Open Image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="70"/>
        <source>Open an image file and classify it.</source>
        <translation>打开一个图像文件并对其分类。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="72"/>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="72"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="73"/>
        <source>Show a folder&apos;s images as a filmstrip; step through them with the arrow keys.</source>
        <translation>以胶片栏形式显示文件夹中的图像；用方向键逐张浏览。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="75"/>
        <source>&amp;Evaluate Folder…</source>
        <translation>评估文件夹(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="75"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="76"/>
        <source>Run the model on a folder of class sub-folders (named like its labels): accuracy, confusion matrix, every image&apos;s result.</source>
        <translation>在按类别分子文件夹（以模型的标签命名）的文件夹上运行模型：准确率、混淆矩阵以及每张图像的结果。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="78"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="79"/>
        <source>&amp;Samples</source>
        <translation>示例图片(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="80"/>
        <source>&amp;Paste Image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="81"/>
        <source>Classify the image (or image file) on the clipboard.</source>
        <translation>对剪贴板中的图像（或图像文件）进行分类。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="83"/>
        <source>Open &amp;Video…</source>
        <translation>打开视频(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="83"/>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="84"/>
        <source>Classify a video&apos;s frames as it plays, with the overlay of the current view; frames the model cannot keep up with are skipped.</source>
        <translation>在视频播放时对其帧进行分类，并叠加当前视图；模型来不及处理的帧会被跳过。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="86"/>
        <source>&amp;Camera</source>
        <translation>摄像头(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="86"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="87"/>
        <source>Classify the camera&apos;s picture continuously, with the overlay of the current view.</source>
        <translation>持续对摄像头画面进行分类，并叠加当前视图。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="89"/>
        <source>Pa&amp;use Live Input</source>
        <translation>暂停实时输入(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="89"/>
        <source>Ctrl+Space</source>
        <translation>Ctrl+Space</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="90"/>
        <source>Freeze the current frame of the video or camera, to explore it with every view.</source>
        <translation>冻结视频或摄像头的当前帧，以便用各种视图来探索它。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="92"/>
        <source>S&amp;top Live Input</source>
        <translation>停止实时输入(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="93"/>
        <source>Ctrl+Shift+Space</source>
        <translation>Ctrl+Shift+Space</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="93"/>
        <source>Stop the video or camera; the last frame stays.</source>
        <translation>停止视频或摄像头；最后一帧会保留。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="95"/>
        <source>&amp;Save Overlay as PNG…</source>
        <translation>将叠加图保存为 PNG(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="96"/>
        <source>Save the image with the current overlay, at the image&apos;s resolution.</source>
        <translation>按图像自身的分辨率保存带有当前叠加层的图像。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="97"/>
        <source>Save &amp;Heads Grid as PNG…</source>
        <translation>将注意力头网格保存为 PNG(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="98"/>
        <source>Save every layer and head&apos;s map as one picture.</source>
        <translation>将每一层、每个头的图保存为一张图片。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="99"/>
        <source>Save &amp;Anatomy as PNG…</source>
        <translation>将模型剖析保存为 PNG(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="100"/>
        <source>Save the filters, their principal components and the position similarity.</source>
        <translation>保存滤波器、其主成分以及位置相似度。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="102"/>
        <source>Save Map as &amp;NumPy…</source>
        <translation>将图保存为 NumPy(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="102"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="103"/>
        <source>Save the current attention map (patch grid, raw values) as a .npy file.</source>
        <translation>将当前注意力图（图像块网格，原始数值）保存为 .npy 文件。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="104"/>
        <source>&amp;Copy View</source>
        <translation>复制视图(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="105"/>
        <source>Copy the image with its overlay to the clipboard.</source>
        <translation>将带叠加层的图像复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="107"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="107"/>
        <source>Close vitlens.</source>
        <translation>关闭 vitlens。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="111"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="112"/>
        <source>Zoom to &amp;Fit</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="112"/>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="113"/>
        <source>Show the whole image.</source>
        <translation>显示整张图像。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="114"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="114"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="115"/>
        <source>One image pixel per screen pixel.</source>
        <translation>每个图像像素对应一个屏幕像素。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="117"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="117"/>
        <source>Enlarge the image.</source>
        <translation>放大图像。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="118"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="119"/>
        <source>Shrink the image.</source>
        <translation>缩小图像。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="121"/>
        <source>&amp;Next Image</source>
        <translation>下一张图像(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="122"/>
        <source>The next image of the opened folder.</source>
        <translation>已打开文件夹中的下一张图像。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="123"/>
        <source>&amp;Previous Image</source>
        <translation>上一张图像(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="124"/>
        <source>The previous image of the opened folder.</source>
        <translation>已打开文件夹中的上一张图像。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="128"/>
        <source>P&amp;resentation Mode</source>
        <translation>演示模式(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="128"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="129"/>
        <source>For the projector: full screen, larger text, only the main panels; Page Up / Page Down step the tour.</source>
        <translation>用于投影：全屏、放大文字、只显示主要面板；Page Up / Page Down 切换导览步骤。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="132"/>
        <source>Presentation &amp;Scale</source>
        <translation>演示缩放比例(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="135"/>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="142"/>
        <source>F&amp;ull Screen</source>
        <translation>全屏(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="143"/>
        <source>Fill the screen with the window.</source>
        <translation>让窗口占满整个屏幕。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="152"/>
        <source>&amp;Attention</source>
        <translation>注意力(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="153"/>
        <source>Toggle &amp;Rollout</source>
        <translation>切换 rollout(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="154"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="154"/>
        <source>Switch between one layer&apos;s attention and attention rollout.</source>
        <translation>在单层注意力和注意力 rollout 之间切换。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="155"/>
        <source>&amp;Next Layer</source>
        <translation>下一层(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="156"/>
        <source>One layer deeper.</source>
        <translation>深入一层。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="157"/>
        <source>P&amp;revious Layer</source>
        <translation>上一层(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="158"/>
        <source>One layer shallower.</source>
        <translation>退回浅一层。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="160"/>
        <source>Next &amp;Head</source>
        <translation>下一个头(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="160"/>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="161"/>
        <source>The next head (after mean, max and min of the heads).</source>
        <translation>下一个头（排在各头的平均、最大、最小之后）。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="162"/>
        <source>Previous H&amp;ead</source>
        <translation>上一个头(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="163"/>
        <source>Shift+H</source>
        <translation>Shift+H</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="163"/>
        <source>The previous head.</source>
        <translation>上一个头。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="165"/>
        <source>Toggle &amp;Query Mode</source>
        <translation>切换查询模式(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="165"/>
        <source>Q</source>
        <translation>Q</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="166"/>
        <source>Switch between the class token&apos;s attention and a clicked patch&apos;s.</source>
        <translation>在类别令牌的注意力和被点击图像块的注意力之间切换。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="167"/>
        <source>Patch &amp;Grid</source>
        <translation>图像块网格(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="167"/>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="168"/>
        <source>Show or hide the patch grid.</source>
        <translation>显示或隐藏图像块网格。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="169"/>
        <source>Heat &amp;Map</source>
        <translation>热力图(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="169"/>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="170"/>
        <source>Show or hide the heat map.</source>
        <translation>显示或隐藏热力图。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="174"/>
        <source>E&amp;xperiment</source>
        <translation>实验(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="176"/>
        <source>&amp;Drop Patches</source>
        <translation>丢弃图像块(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="176"/>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="177"/>
        <source>Click or drag over the image to remove patches from the model&apos;s input (Shift: put them back); the prediction follows. The middle button still pans.</source>
        <translation>在图像上点击或拖动，从模型输入中移除图像块（Shift：放回）；预测会随之更新。鼠标中键仍用于平移。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="180"/>
        <source>Drop the &amp;Most Important Patches of This Map</source>
        <translation>丢弃此图中最重要的图像块(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="183"/>
        <source>Top %1 %</source>
        <translation>前 %1%</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="184"/>
        <source>Remove the patches with the highest values in the map shown.</source>
        <translation>移除当前所示图中数值最高的图像块。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="188"/>
        <source>&amp;Restore All Patches</source>
        <translation>恢复所有图像块(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="189"/>
        <source>Shift+D</source>
        <translation>Shift+D</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="189"/>
        <source>Put every dropped patch back.</source>
        <translation>放回所有被丢弃的图像块。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="192"/>
        <source>Head &amp;Importance</source>
        <translation>头重要性(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="192"/>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="193"/>
        <source>Switch every head off alone and colour its tile by how much the top class&apos;s probability changes: red, the class needs the head; blue, it does better without it.</source>
        <translation>逐个单独关闭每个头，并按最可能类别概率的变化为其小图着色：红色表示该类别需要这个头；蓝色表示没有它效果更好。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="196"/>
        <source>Switch All Heads &amp;On</source>
        <translation>重新打开所有头(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="197"/>
        <source>Undo the head ablations made with Ctrl+click in the heads grid.</source>
        <translation>撤销在注意力头网格中用 Ctrl+点击所做的头消融。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="201"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="203"/>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="203"/>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="204"/>
        <source>Load a model: a vitlens .safetensors file, a timm or Hugging Face model.safetensors, or its config.json.</source>
        <translation>加载模型：vitlens 的 .safetensors 文件、timm 或 Hugging Face 的 model.safetensors，或其 config.json。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="207"/>
        <source>Open Model &amp;Folder…</source>
        <translation>打开模型文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="207"/>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="208"/>
        <source>Load the model in a folder downloaded from a model hub (model.safetensors + config.json).</source>
        <translation>加载从模型中心下载的文件夹中的模型（model.safetensors + config.json）。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="209"/>
        <source>Models on This &amp;Computer…</source>
        <translation>本机上的模型(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="210"/>
        <source>The ViTs timm and transformers have downloaded into the Hugging Face cache: open one.</source>
        <translation>timm 和 transformers 下载到 Hugging Face 缓存中的 ViT：打开其中一个。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="212"/>
        <source>&amp;Download from Hugging Face…</source>
        <translation>从 Hugging Face 下载(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="213"/>
        <source>Fetch a ViT from the Hugging Face hub into the local cache and open it.</source>
        <translation>从 Hugging Face 模型中心获取一个 ViT 到本地缓存并打开它。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="214"/>
        <source>&amp;Input Size…</source>
        <translation>输入尺寸(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="215"/>
        <source>Run the model at another input size; its position embeddings are interpolated bicubically.</source>
        <translation>以另一种输入尺寸运行模型；其位置嵌入会做双三次插值。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="217"/>
        <source>Use &amp;Built-in Model</source>
        <translation>使用内置模型(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="218"/>
        <source>The CIFAR-10 model that ships with vitlens.</source>
        <translation>vitlens 自带的 CIFAR-10 模型。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="222"/>
        <source>&amp;Auto</source>
        <translation>自动(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="222"/>
        <source>&amp;CPU</source>
        <translation>CPU(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="222"/>
        <source>C&amp;UDA</source>
        <translation>CUDA(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="230"/>
        <source>No CUDA device: this machine has no NVIDIA GPU, or LibTorch was built without CUDA.</source>
        <translation>没有 CUDA 设备：此计算机没有 NVIDIA GPU，或 LibTorch 编译时未启用 CUDA。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="234"/>
        <source>&amp;Precision</source>
        <translation>精度(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="238"/>
        <source>&amp;Auto (bfloat16 on CPUs with AMX, else int8, for wide models)</source>
        <translation>自动(&amp;A)（CPU 有 AMX 时用 bfloat16，否则用 int8，适用于宽模型）</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="239"/>
        <source>&amp;float32</source>
        <translation>float32(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="240"/>
        <source>&amp;bfloat16</source>
        <translation>bfloat16(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="241"/>
        <source>&amp;int8 (CPU: Linear layers quantized)</source>
        <translation>int8(&amp;I)（CPU：Linear 层量化）</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="242"/>
        <source>float&amp;16 (CUDA only)</source>
        <translation>float16(&amp;1)（仅 CUDA）</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="249"/>
        <source>This CPU has no native bfloat16 (AVX-512 BF16 / AMX): it runs, but slower than float32.</source>
        <translation>此 CPU 不原生支持 bfloat16（AVX-512 BF16 / AMX）：可以运行，但比 float32 慢。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="254"/>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="269"/>
        <source>In use: %1</source>
        <translation>正在使用：%1</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="281"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="296"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="296"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="296"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="297"/>
        <source>Where the model runs: Auto picks the GPU when there is one.</source>
        <translation>模型在哪里运行：“自动”会在有 GPU 时选用 GPU。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="300"/>
        <source>No CUDA device on this machine.</source>
        <translation>此计算机上没有 CUDA 设备。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="14"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="20"/>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="30"/>
        <source>The language of the system, English when vitlens has no translation for it.</source>
        <translation>使用系统语言；若 vitlens 没有该语言的翻译，则使用英语。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="36"/>
        <location filename="../../ui/window_actions_language.cpp" line="49"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="37"/>
        <source>The new language applies when vitlens starts again: the window builds its menus and panels once. Restart now? An image or folder opened since the start is not opened again.</source>
        <translation>新语言将在 vitlens 下次启动时生效：窗口的菜单和面板只在启动时创建一次。现在重新启动吗？启动后打开的图像或文件夹不会被重新打开。</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="40"/>
        <source>&amp;Restart Now</source>
        <translation>立即重启(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="41"/>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="50"/>
        <source>vitlens could not be started again; the new language applies at the next start.</source>
        <translation>无法重新启动 vitlens；新语言将在下次启动时生效。</translation>
    </message>
</context>
</TS>

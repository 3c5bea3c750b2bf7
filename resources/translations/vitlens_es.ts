<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="57"/>
        <source>image</source>
        <translation>imagen</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="59"/>
        <source>label</source>
        <translation>etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="61"/>
        <source>predicted</source>
        <translation>predicción</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="63"/>
        <source>probability</source>
        <translation>probabilidad</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="65"/>
        <source>correct</source>
        <translation>correcta</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="67"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="91"/>
        <source>unreadable</source>
        <translation>ilegible</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="97"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="97"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="15"/>
        <source>Replace file?</source>
        <translation>¿Reemplazar el archivo?</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="16"/>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 ya existe. ¿Reemplazarlo?</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="27"/>
        <source>cannot write %1</source>
        <translation>no se puede escribir %1</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="33"/>
        <source>nothing to save to %1</source>
        <translation>no hay nada que guardar en %1</translation>
    </message>
    <message>
        <location filename="../../ui/file_safety.cpp" line="37"/>
        <source>cannot encode %1 as PNG</source>
        <translation>no se puede codificar %1 como PNG</translation>
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
        <translation>%1 ya existe; no se ha reemplazado</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="28"/>
        <source>Images (%1);;All files (*)</source>
        <translation>Imágenes (%1);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="69"/>
        <source>why “%1” (%2)</source>
        <translation>por qué “%1” (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="72"/>
        <source>attention · layer %1 · %2 · %3</source>
        <translation>atención · capa %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="74"/>
        <source>head %1</source>
        <translation>cabeza %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="46"/>
        <source>max</source>
        <translation>máximo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="48"/>
        <source>min</source>
        <translation>mínimo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="50"/>
        <source>mean</source>
        <translation>media</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="57"/>
        <source>max of heads</source>
        <translation>máximo de las cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="59"/>
        <source>min of heads</source>
        <translation>mínimo de las cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="61"/>
        <source>mean of heads</source>
        <translation>media de las cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="76"/>
        <source>class token</source>
        <translation>token de clase</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="76"/>
        <source>patch %1</source>
        <translation>parche %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="78"/>
        <source>rollout · %1 layers · discard %2 %</source>
        <translation>rollout · %1 capas · descarte %2 %</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="80"/>
        <source>GAE · %1</source>
        <translation>GAE · %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="82"/>
        <source>gradient rollout · %1</source>
        <translation>rollout de gradientes · %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="84"/>
        <source>attention × gradient · %1</source>
        <translation>atención × gradiente · %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="86"/>
        <source>occlusion · %1</source>
        <translation>oclusión · %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="88"/>
        <source>random baseline · seed %1</source>
        <translation>referencia aleatoria · semilla %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="90"/>
        <source>token norms · layer %1 output</source>
        <translation>normas de los tokens · salida de la capa %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="100"/>
        <source>Why “%1” (%2)</source>
        <translation>Por qué “%1” (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="103"/>
        <source>attention from the class token</source>
        <translation>atención desde el token de clase</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="104"/>
        <source>attention from the patch you clicked</source>
        <translation>atención desde el parche que has pulsado</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="106"/>
        <source>Layer %1, head %2 — %3</source>
        <translation>Capa %1, cabeza %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="108"/>
        <source>Layer %1, %2 of all heads — %3</source>
        <translation>Capa %1, %2 de todas las cabezas — %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="111"/>
        <source>Attention rollout through all %1 layers</source>
        <translation>Rollout de atención a través de las %1 capas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="113"/>
        <source>%1 — GAE</source>
        <translation>%1 — GAE</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="115"/>
        <source>%1 — gradient rollout</source>
        <translation>%1 — rollout de gradientes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="117"/>
        <source>%1 — attention × gradient</source>
        <translation>%1 — atención × gradiente</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="119"/>
        <source>%1 — occlusion</source>
        <translation>%1 — oclusión</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="121"/>
        <source>A random map (the baseline)</source>
        <translation>Un mapa aleatorio (la referencia)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="123"/>
        <source>Token norms after layer %1</source>
        <translation>Normas de los tokens tras la capa %1</translation>
    </message>
</context>
<context>
    <name>TourFacts</name>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="30"/>
        <source>The logit lens names “%1” from the very first layer on.</source>
        <translation>La lente de logits nombra «%1» desde la primera capa.</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="32"/>
        <source>The logit lens shows where it made up its mind: “%1” from layer %2 of %3 on (layers 0 to %4 pointed elsewhere).</source>
        <translation>La lente de logits muestra dónde se decidió el modelo: «%1» a partir de la capa %2 de %3 (las capas 0 a %4 apuntaban a otra clase).</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="58"/>
        <source>prefix token %1</source>
        <translation>token de prefijo %1</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="61"/>
        <source>patch %1</source>
        <translation>parche %1</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="62"/>
        <source>row %1, column %2</source>
        <translation>fila %1, columna %2</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="66"/>
        <source> · itself</source>
        <translation> · él mismo</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="120"/>
        <source>Here, as in the ViT paper, early layers look near and late layers look far.</source>
        <translation>Aquí, como en el artículo de ViT, las primeras capas miran cerca y las últimas miran lejos.</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="122"/>
        <source>This model does the opposite of the ViT paper&apos;s finding: its late layers look nearer than its early ones.</source>
        <translation>Este modelo hace lo contrario de lo que encontró el artículo de ViT: sus últimas capas miran más cerca que las primeras.</translation>
    </message>
    <message>
        <location filename="../../ui/tour_facts.cpp" line="126"/>
        <source>In this model, how far the heads look barely changes with depth.</source>
        <translation>En este modelo, la distancia a la que miran las cabezas apenas cambia con la profundidad.</translation>
    </message>
</context>
<context>
    <name>TourPanel</name>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="28"/>
        <source>%1 numbers; the first: %2 …</source>
        <translation>%1 números; los primeros: %2 …</translation>
    </message>
</context>
<context>
    <name>TourScript</name>
    <message>
        <location filename="../../ui/tour_script.cpp" line="21"/>
        <source>%1 could not be read</source>
        <translation>no se pudo leer %1</translation>
    </message>
    <message>
        <location filename="../../ui/tour_script.cpp" line="25"/>
        <source>%1 is too large for a tour</source>
        <translation>%1 es demasiado grande para una visita guiada</translation>
    </message>
    <message>
        <location filename="../../ui/tour_script.cpp" line="44"/>
        <source>not valid JSON: %1 at byte %2</source>
        <translation>JSON no válido: %1 en el byte %2</translation>
    </message>
    <message>
        <location filename="../../ui/tour_script.cpp" line="61"/>
        <source>no steps (expected {&quot;steps&quot;: [{&quot;title&quot;: …, &quot;text&quot;: …}]})</source>
        <translation>no hay pasos (se esperaba {&quot;steps&quot;: [{&quot;title&quot;: …, &quot;text&quot;: …}]})</translation>
    </message>
    <message>
        <location filename="../../ui/tour_script.cpp" line="81"/>
        <source>Your tour file %1 was not used: %2</source>
        <translation>No se ha usado tu archivo de visita guiada %1: %2</translation>
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
        <translation>no hay ningún modelo cargado</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::AnatomyView</name>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="45"/>
        <source>No model loaded</source>
        <translation>Ningún modelo cargado</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="51"/>
        <source>Each tile is one learned patch-embedding filter (RGB), stretched to full contrast: what the first layer looks for in a patch.</source>
        <translation>Cada casilla es un filtro aprendido del embedding de parches (RGB), con el contraste estirado al máximo: lo que la primera capa busca en un parche.</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="53"/>
        <source>Patch-embedding filters</source>
        <translation>Filtros del embedding de parches</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="57"/>
        <source>The filters&apos; top principal components (cv::PCA), first at the top left: the basis the model uses to describe a patch (ViT paper, Figure 7 left).</source>
        <translation>Los primeros componentes principales de los filtros (cv::PCA), el primero arriba a la izquierda: la base que usa el modelo para describir un parche (artículo de ViT, figura 7, izquierda).</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="59"/>
        <source>Principal components of the filters</source>
        <translation>Componentes principales de los filtros</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="63"/>
        <source>Tile (r, c) shows how similar patch (r, c)&apos;s position embedding is to every other patch&apos;s (cosine, -1 dark to 1 bright): a trained model learns the 2-D layout this way (ViT paper, Figure 7 centre).</source>
        <translation>La casilla (r, c) muestra cuánto se parece el embedding de posición del parche (r, c) al de cada uno de los demás parches (coseno, de -1 oscuro a 1 claro): así aprende un modelo entrenado la disposición en 2D (artículo de ViT, figura 7, centro).</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="66"/>
        <source>Position-embedding similarity</source>
        <translation>Similitud de los embeddings de posición</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="84"/>
        <source>input %1×%2, patch %3 (%4×%5 = %6 patches), width %7, %8 layers × %9 heads, MLP %10, %11 classes, %12 pooling&lt;br&gt;%13 parameters · %14</source>
        <translation>entrada %1×%2, parche %3 (%4×%5 = %6 parches), anchura %7, %8 capas × %9 cabezas, MLP %10, %11 clases, agrupación %12&lt;br&gt;%13 parámetros · %14</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="97"/>
        <source>class-token</source>
        <translation>por token de clase</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="97"/>
        <source>average</source>
        <translation>por promedio</translation>
    </message>
    <message>
        <location filename="../../ui/anatomy_view.cpp" line="112"/>
        <source>Training recipe: %1</source>
        <translation>Receta de entrenamiento: %1</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::AttentionControls</name>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="48"/>
        <source>Attention (one layer)</source>
        <translation>Atención (una capa)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="49"/>
        <source>Attention rollout</source>
        <translation>Rollout de atención</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="50"/>
        <source>Why this class: GAE</source>
        <translation>Por qué esta clase: GAE</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="51"/>
        <source>Why this class: gradient rollout</source>
        <translation>Por qué esta clase: rollout de gradientes</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="52"/>
        <source>Why this class: attention × gradient</source>
        <translation>Por qué esta clase: atención × gradiente</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="53"/>
        <source>Why this class: occlusion</source>
        <translation>Por qué esta clase: oclusión</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="54"/>
        <source>Random (baseline)</source>
        <translation>Aleatorio (referencia)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="55"/>
        <source>Token norms (one layer)</source>
        <translation>Normas de los tokens (una capa)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="57"/>
        <source>Chefer et al. 2021: every layer&apos;s attention weighted by its gradient for the class, accumulated from the first layer to the last.</source>
        <translation>Chefer et al. 2021: la atención de cada capa ponderada por su gradiente respecto a la clase, acumulada desde la primera capa hasta la última.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="61"/>
        <source>Rollout of each layer&apos;s attention times its gradient for the class (vit-explain, with its normalisation fixed).</source>
        <translation>Rollout de la atención de cada capa multiplicada por su gradiente respecto a la clase (vit-explain, con su normalización corregida).</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="65"/>
        <source>The last layer&apos;s attention from the class token, each head weighted by its mean gradient for the class.</source>
        <translation>La atención de la última capa desde el token de clase, con cada cabeza ponderada por su gradiente medio respecto a la clase.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="69"/>
        <source>How much the class&apos;s probability drops when each patch is replaced by the mean colour: one forward pass per patch, no gradients.</source>
        <translation>Cuánto baja la probabilidad de la clase cuando cada parche se sustituye por el color medio: una pasada hacia delante por parche, sin gradientes.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="72"/>
        <source>Random values per patch: what a map that explains nothing looks like.</source>
        <translation>Valores aleatorios por parche: el aspecto de un mapa que no explica nada.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="74"/>
        <source>The length (L2 norm) of each patch token after the chosen layer: the few very long &quot;artifact&quot; tokens large ViTs make (Darcet et al. 2023) stand out. The prefix tokens&apos; norms are listed under the controls.</source>
        <translation>La longitud (norma L2) de cada token de parche tras la capa elegida: destacan los pocos tokens «artefacto» muy largos que generan los ViT grandes (Darcet et al. 2023). Las normas de los tokens de prefijo aparecen bajo los controles.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="79"/>
        <source>One layer&apos;s attention weights; rollout, the attention of all layers multiplied together (R); or why the model chose a class — click a class in Prediction to explain that one.</source>
        <translation>Los pesos de atención de una capa; el rollout, la atención de todas las capas multiplicada entre sí (R); o por qué el modelo eligió una clase: pulsa una clase en Predicción para explicar esa.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="81"/>
        <source>&amp;Method</source>
        <translation>&amp;Método</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="85"/>
        <source>top class</source>
        <translation>clase más probable</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="88"/>
        <source>The class the &quot;Why this class&quot; methods explain: type a class name (empty: the top class), or click a bar in Prediction.</source>
        <translation>La clase que explican los métodos «Por qué esta clase»: escribe el nombre de una clase (vacío: la más probable) o pulsa una barra en Predicción.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="94"/>
        <source>Cl&amp;ass</source>
        <translation>Cl&amp;ase</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="97"/>
        <source>Which transformer block&apos;s attention to show, 0 = first (Page Up / Page Down).</source>
        <translation>De qué bloque del transformer se muestra la atención, 0 = el primero (Re Pág / Av Pág).</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="98"/>
        <source>&amp;Layer</source>
        <translation>Ca&amp;pa</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="102"/>
        <source>One attention head, or the mean, maximum or minimum over all heads of the layer (H / Shift+H).</source>
        <translation>Una cabeza de atención, o la media, el máximo o el mínimo de todas las cabezas de la capa (H / Mayús+H).</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="104"/>
        <source>H&amp;ead</source>
        <translation>Ca&amp;beza</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="107"/>
        <source>Class token</source>
        <translation>Token de clase</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="108"/>
        <source>Patch (click the image)</source>
        <translation>Parche (pulsa en la imagen)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="110"/>
        <source>Whose attention to show: the class token&apos;s (what the classifier reads), or a patch&apos;s — then click the image to pick the patch (Q).</source>
        <translation>De quién se muestra la atención: la del token de clase (lo que lee el clasificador) o la de un parche; en ese caso, pulsa en la imagen para elegir el parche (Q).</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="118"/>
        <source>&amp;Query</source>
        <translation>&amp;Consulta</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="123"/>
        <source>The colours of the heat map; viridis, inferno and magma stay readable in grey and for colour-blind viewers.</source>
        <translation>Los colores del mapa de calor; viridis, inferno y magma siguen siendo legibles en escala de grises y para personas daltónicas.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="125"/>
        <source>&amp;Colours</source>
        <translation>Co&amp;lores</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="129"/>
        <source>How strongly the heat map covers the image (0 % shows the plain image).</source>
        <translation>Con cuánta intensidad cubre el mapa de calor la imagen (0 % muestra la imagen sin nada encima).</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="130"/>
        <source>&amp;Opacity</source>
        <translation>&amp;Opacidad</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="135"/>
        <source>Outline the fewest patches that hold this share of the attention, as DINO does (0 % turns the outline off).</source>
        <translation>Rodea con un contorno el menor número de parches que reúnen esta proporción de la atención, como hace DINO (0 % desactiva el contorno).</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="137"/>
        <source>Mass &amp;outline</source>
        <translation>Co&amp;ntorno de masa</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="142"/>
        <source>Rollout only: drop this fraction of the weakest attention weights in every layer before multiplying, which sharpens the map.</source>
        <translation>Solo rollout: descarta esta fracción de los pesos de atención más débiles de cada capa antes de multiplicar, lo que hace el mapa más nítido.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="144"/>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="147"/>
        <source>mean</source>
        <translation>media</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="147"/>
        <source>max</source>
        <translation>máx.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="147"/>
        <source>min</source>
        <translation>mín.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="148"/>
        <source>Rollout only: how the heads of each layer are combined before multiplying.</source>
        <translation>Solo rollout: cómo se combinan las cabezas de cada capa antes de multiplicar.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="149"/>
        <source>Head &amp;fusion</source>
        <translation>&amp;Fusión de cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="151"/>
        <source>Patch &amp;grid</source>
        <translation>C&amp;uadrícula de parches</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="152"/>
        <source>Draw the grid of patches the model cuts the image into, over the region it saw (G).</source>
        <translation>Dibuja la cuadrícula de parches en que el modelo divide la imagen, sobre la región que ha visto (G).</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="153"/>
        <source>&amp;Heat map</source>
        <translation>Mapa de calo&amp;r</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="154"/>
        <source>Show or hide the heat map over the image (M).</source>
        <translation>Muestra u oculta el mapa de calor sobre la imagen (M).</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="166"/>
        <source>How much of the query&apos;s attention goes to the prefix tokens (class, distillation, registers) rather than to the patches the map shows.</source>
        <translation>Qué parte de la atención de la consulta va a los tokens de prefijo (clase, destilación, registros) en lugar de a los parches que muestra el mapa.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="207"/>
        <source>mean of heads</source>
        <translation>media de las cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="207"/>
        <source>max of heads</source>
        <translation>máximo de las cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="207"/>
        <source>min of heads</source>
        <translation>mínimo de las cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="208"/>
        <source>head %1</source>
        <translation>cabeza %1</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="278"/>
        <source>&quot;%1&quot; is none of the model&apos;s classes.</source>
        <translation>«%1» no es ninguna de las clases del modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="344"/>
        <source>patch %1</source>
        <translation>parche %1</translation>
    </message>
    <message>
        <location filename="../../ui/attention_controls.cpp" line="349"/>
        <source>off</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::AttentionDistanceChart</name>
    <message>
        <location filename="../../ui/attention_distance_chart.cpp" line="18"/>
        <source>Attention distance (px)</source>
        <translation>Distancia de atención (px)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_distance_chart.cpp" line="26"/>
        <source>layer</source>
        <translation>capa</translation>
    </message>
    <message>
        <location filename="../../ui/attention_distance_chart.cpp" line="34"/>
        <source>px</source>
        <translation>px</translation>
    </message>
    <message>
        <location filename="../../ui/attention_distance_chart.cpp" line="43"/>
        <source>How far each head looks, on average, weighted by its attention (ViT paper, Figure 7): one dot per head, by depth.</source>
        <translation>A qué distancia mira cada cabeza, en promedio, ponderada por su atención (artículo de ViT, figura 7): un punto por cabeza, según la profundidad.</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::ConfusionView</name>
    <message>
        <location filename="../../ui/confusion_view.cpp" line="27"/>
        <source>Rows: the true class (with its accuracy); columns: what the model predicted. A cell&apos;s colour is its share of the row. Click a cell to list its images.</source>
        <translation>Filas: la clase real (con su exactitud); columnas: lo que predijo el modelo. El color de una celda es su proporción dentro de la fila. Pulsa una celda para listar sus imágenes.</translation>
    </message>
    <message>
        <location filename="../../ui/confusion_view.cpp" line="83"/>
        <source>File › Evaluate Folder… runs the model on a folder of class sub-folders</source>
        <translation>Archivo › Evaluar carpeta… ejecuta el modelo sobre una carpeta con una subcarpeta por clase</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::EvaluationPanel</name>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="113"/>
        <source>File › Evaluate Folder… (Ctrl+E) runs the model on a folder of class sub-folders named like its labels.</source>
        <translation>Archivo › Evaluar carpeta… (Ctrl+E) ejecuta el modelo sobre una carpeta con una subcarpeta por clase, con los nombres de sus etiquetas.</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="122"/>
        <source>%v of %m images</source>
        <translation>%v de %m imágenes</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="123"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="134"/>
        <source>The most confused pairs (true → predicted); click one to list its images.</source>
        <translation>Los pares más confundidos (real → predicha); pulsa uno para listar sus imágenes.</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="147"/>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="147"/>
        <source>Every image of the folder.</source>
        <translation>Todas las imágenes de la carpeta.</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="148"/>
        <source>Least Confident Correct</source>
        <translation>Aciertos menos seguros</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="149"/>
        <source>Right answers, the least sure first.</source>
        <translation>Respuestas correctas, primero las menos seguras.</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="150"/>
        <source>Most Confident Wrong</source>
        <translation>Errores más seguros</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="151"/>
        <source>Mistakes, the surest first.</source>
        <translation>Errores, primero los más seguros.</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="169"/>
        <source>Click a column to sort; double-click an image to open it.</source>
        <translation>Pulsa una columna para ordenar; haz doble clic en una imagen para abrirla.</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="181"/>
        <source>Save JSON…</source>
        <translation>Guardar JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="182"/>
        <source>Save CSV…</source>
        <translation>Guardar CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="183"/>
        <source>Save Matrix PNG…</source>
        <translation>Guardar matriz PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="209"/>
        <source>Evaluating %1…</source>
        <translation>Evaluando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="234"/>
        <source>%1: %2 images, accuracy %3 % (%4 images/s)</source>
        <translation>%1: %2 imágenes, exactitud %3 % (%4 imágenes/s)</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="239"/>
        <source>; %1 could not be read (listed as unreadable)</source>
        <translation>; %1 no se pudieron leer (aparecen como ilegibles)</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation_panel.cpp" line="240"/>
        <source>; cancelled: the numbers cover the images done</source>
        <translation>; cancelado: las cifras abarcan las imágenes ya procesadas</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::FaithfulnessPanel</name>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="34"/>
        <source>&amp;Measure This Map</source>
        <translation>&amp;Medir este mapa</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="36"/>
        <source>Remove the patches the map ranks highest (positive) or lowest (negative), in steps of 10 %, and watch whether the model still predicts its class; the random baseline beside it. Runs in the background.</source>
        <translation>Quita los parches que el mapa sitúa más arriba (positivo) o más abajo (negativo), en pasos del 10 %, y observa si el modelo sigue prediciendo su clase; al lado, la referencia aleatoria. Se ejecuta en segundo plano.</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="38"/>
        <source>&amp;Compare Methods</source>
        <translation>&amp;Comparar métodos</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="39"/>
        <source>The same for every method on this image, as a table of areas under the curves.</source>
        <translation>Lo mismo para cada método sobre esta imagen, como una tabla de áreas bajo las curvas.</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="46"/>
        <source>Perturbation: is the class still on top as patches are removed?</source>
        <translation>Perturbación: ¿sigue la clase en cabeza a medida que se quitan parches?</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="51"/>
        <source>fraction of patches removed</source>
        <translation>fracción de parches quitados</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="55"/>
        <source>still the top class</source>
        <translation>sigue siendo la clase más probable</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>method</source>
        <translation>método</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>positive ↓</source>
        <translation>positivo ↓</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>negative ↑</source>
        <translation>negativo ↑</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>deletion ↓</source>
        <translation>eliminación ↓</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="72"/>
        <source>insertion ↑</source>
        <translation>inserción ↑</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="78"/>
        <source>Areas under the curves x 100 over 0–90 % removed, for this image: positive and deletion lower is better (removing what the map ranks first hurts at once), negative and insertion higher.</source>
        <translation>Áreas bajo las curvas x 100 entre el 0 y el 90 % quitado, para esta imagen: en positivo y eliminación, cuanto más bajo mejor (quitar lo que el mapa pone primero perjudica enseguida); en negativo e inserción, cuanto más alto mejor.</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="99"/>
        <source>%1 pos.</source>
        <translation>%1 pos.</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="100"/>
        <source>%1 neg.</source>
        <translation>%1 neg.</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="101"/>
        <source>random pos.</source>
        <translation>aleatorio pos.</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="102"/>
        <source>random neg.</source>
        <translation>aleatorio neg.</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="110"/>
        <source>positive %1, negative %2, deletion %3, insertion %4</source>
        <translation>positivo %1, negativo %2, eliminación %3, inserción %4</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="116"/>
        <source>Scored against “%1”. AUC, %2: %3.
random: %4.
One image&apos;s curves step between 0 and 1; averages over a folder: vitlens-cli faithfulness.</source>
        <translation>Puntuado respecto a “%1”. AUC, %2: %3.
aleatorio: %4.
Las curvas de una sola imagen saltan entre 0 y 1; para promedios sobre una carpeta: vitlens-cli faithfulness.</translation>
    </message>
    <message>
        <location filename="../../ui/faithfulness_panel.cpp" line="143"/>
        <source>Measure how faithful the map is to the model: remove what it ranks first and see whether the prediction survives.</source>
        <translation>Mide cuán fiel es el mapa al modelo: quita lo que pone en primer lugar y observa si la predicción se mantiene.</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::Filmstrip</name>
    <message>
        <location filename="../../ui/filmstrip.cpp" line="33"/>
        <source>The images in the opened folder; click one, or use the Left and Right arrow keys.</source>
        <translation>Las imágenes de la carpeta abierta; pulsa una o usa las flechas izquierda y derecha.</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::HeadsGrid</name>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="40"/>
        <source>Every layer&apos;s heads, each seen from the current query. Click a tile to show it large; Ctrl+click switches the head off (ablation) and shows what the model predicts without it.</source>
        <translation>Las cabezas de cada capa, vistas desde la consulta actual. Pulsa una casilla para verla en grande; Ctrl+clic apaga la cabeza (ablación) y muestra lo que predice el modelo sin ella.</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="104"/>
        <source>Open an image to see every head</source>
        <translation>Abre una imagen para ver todas las cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="201"/>
        <source>Head importance for “%1”: the change in its probability, in percentage points, when each head alone is switched off. Red: the class needs the head; blue: it does better without it. Measured on the image as it is, with no head or patch changed.</source>
        <translation>Importancia de las cabezas para “%1”: el cambio de su probabilidad, en puntos porcentuales, al apagar cada cabeza por separado. Rojo: la clase necesita la cabeza; azul: le va mejor sin ella. Medido sobre la imagen tal cual, sin cambiar ninguna cabeza ni ningún parche.</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="247"/>
        <source>Layer %1, head %2</source>
        <translation>Capa %1, cabeza %2</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="258"/>
        <source> · patch %1 (row %2, col %3): dropped</source>
        <translation> · parche %1 (fila %2, col. %3): quitado</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="259"/>
        <source> · patch %1 (row %2, col %3): %4</source>
        <translation> · parche %1 (fila %2, col. %3): %4</translation>
    </message>
    <message>
        <location filename="../../ui/heads_grid.cpp" line="266"/>
        <source> · switched off (Ctrl+click to switch it on)</source>
        <translation> · apagada (Ctrl+clic para encenderla)</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::HubDownloadDialog</name>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="27"/>
        <source>ViT-B/16, ImageNet-1k (transformers), ~346 MB</source>
        <translation>ViT-B/16, ImageNet-1k (transformers), ~346 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="29"/>
        <source>ViT-B/16 augreg, ImageNet-1k (timm), ~346 MB</source>
        <translation>ViT-B/16 augreg, ImageNet-1k (timm), ~346 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="31"/>
        <source>DeiT-S/16, ImageNet-1k (transformers), ~88 MB</source>
        <translation>DeiT-S/16, ImageNet-1k (transformers), ~88 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="33"/>
        <source>DINOv2 ViT-S/14 with 4 registers, features (timm), ~88 MB</source>
        <translation>DINOv2 ViT-S/14 con 4 registros, extractor de características (timm), ~88 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="35"/>
        <source>ViT-Ti/16, ImageNet-1k (timm), ~23 MB</source>
        <translation>ViT-Ti/16, ImageNet-1k (timm), ~23 MB</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="43"/>
        <source>Download from Hugging Face</source>
        <translation>Descargar de Hugging Face</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="55"/>
        <source>ORG/NAME of a ViT on the hub (timm or transformers, with model.safetensors); the list offers a few known to work.</source>
        <translation>ORG/NOMBRE de un ViT en el hub (timm o transformers, con model.safetensors); la lista ofrece algunos que se sabe que funcionan.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="57"/>
        <source>&amp;Repository</source>
        <translation>&amp;Repositorio</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="59"/>
        <source>A branch, tag or commit.</source>
        <translation>Una rama, etiqueta o commit.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="60"/>
        <source>Re&amp;vision</source>
        <translation>Re&amp;visión</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="62"/>
        <source>Files go into the Hugging Face cache (%1), where timm and transformers find them too.</source>
        <translation>Los archivos van a la caché de Hugging Face (%1), donde también los encuentran timm y transformers.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="72"/>
        <source>&amp;Download</source>
        <translation>&amp;Descargar</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="73"/>
        <source>Cancel Download</source>
        <translation>Cancelar la descarga</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="104"/>
        <source>Asking the hub about %1…</source>
        <translation>Consultando al hub sobre %1…</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="136"/>
        <source>Cancelling… (what arrived stays in the cache as .incomplete, to resume next time)</source>
        <translation>Cancelando… (lo que ya ha llegado queda en la caché como .incomplete, para reanudarlo la próxima vez)</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="154"/>
        <source>, %1 s left</source>
        <translation>, quedan %1 s</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="155"/>
        <source>%1: %2 of %3 MB (%4 MB/s%5)</source>
        <translation>%1: %2 de %3 MB (%4 MB/s%5)</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="165"/>
        <source>Cancelled. Nothing incomplete looks like a model; Download resumes what arrived.</source>
        <translation>Cancelado. Nada incompleto pasa por un modelo; Descargar reanuda lo que ya ha llegado.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="167"/>
        <source>Could not download: %1</source>
        <translation>No se pudo descargar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/hub_download_dialog.cpp" line="169"/>
        <source>%1 is in the cache; opening it.</source>
        <translation>%1 está en la caché; abriéndolo.</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::HubModelsDialog</name>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="24"/>
        <source>Models on This Computer</source>
        <translation>Modelos en este equipo</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Architecture</source>
        <translation>Arquitectura</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="34"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="41"/>
        <source>Also list the models vitlens cannot open, with the reason</source>
        <translation>Listar también los modelos que vitlens no puede abrir, con el motivo</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="44"/>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="59"/>
        <source>The Hugging Face cache at %1 (HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub), where timm and transformers keep what they download. vitlens opens ViT and DeiT models with .safetensors weights.</source>
        <translation>La caché de Hugging Face en %1 (HF_HUB_CACHE, $HF_HOME/hub o ~/.cache/huggingface/hub), donde timm y transformers guardan lo que descargan. vitlens abre modelos ViT y DeiT con pesos .safetensors.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="78"/>
        <source>cannot open: %1</source>
        <translation>no se puede abrir: %1</translation>
    </message>
    <message>
        <location filename="../../ui/hub_models_dialog.cpp" line="90"/>
        <source>No ViT there yet: `huggingface-cli download timm/vit_base_patch16_224.augreg2_in21k_ft_in1k` (or any timm / transformers ViT) puts one there.</source>
        <translation>Todavía no hay ningún ViT: `huggingface-cli download timm/vit_base_patch16_224.augreg2_in21k_ft_in1k` (o cualquier ViT de timm / transformers) descarga uno ahí.</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::LensStrip</name>
    <message>
        <location filename="../../ui/lens_strip.cpp" line="17"/>
        <source>Logit lens: what the model would predict if its blocks stopped after each layer (the final norm and head applied there). Where the top class settles is where the model makes up its mind.</source>
        <translation>Logit lens: lo que predeciría el modelo si sus bloques se detuvieran tras cada capa (aplicando ahí la normalización final y la cabeza clasificadora). Donde se asienta la clase más probable es donde el modelo se decide.</translation>
    </message>
    <message>
        <location filename="../../ui/lens_strip.cpp" line="46"/>
        <source>Logit lens: open an image</source>
        <translation>Logit lens: abre una imagen</translation>
    </message>
    <message>
        <location filename="../../ui/lens_strip.cpp" line="46"/>
        <source>Logit lens: the top class after each layer</source>
        <translation>Logit lens: la clase más probable tras cada capa</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::LiveInput</name>
    <message>
        <location filename="../../ui/live_input.cpp" line="78"/>
        <source>%1 ended after %2 frames.</source>
        <translation>%1 terminó tras %2 fotogramas.</translation>
    </message>
    <message>
        <location filename="../../ui/live_input.cpp" line="174"/>
        <source>No camera found on this computer.</source>
        <translation>No se ha encontrado ninguna cámara en este equipo.</translation>
    </message>
    <message>
        <location filename="../../ui/live_input.cpp" line="185"/>
        <source>The camera stopped: %1</source>
        <translation>La cámara se detuvo: %1</translation>
    </message>
    <message>
        <location filename="../../ui/live_input.cpp" line="187"/>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::MainWindow</name>
    <message>
        <location filename="../../ui/main_window.cpp" line="73"/>
        <source>Could not measure head importance: %1</source>
        <translation>No se pudo medir la importancia de las cabezas: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="75"/>
        <source>Could not run the experiment: %1</source>
        <translation>No se pudo ejecutar el experimento: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="77"/>
        <source>Could not measure faithfulness: %1</source>
        <translation>No se pudo medir la fidelidad: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="81"/>
        <source>Could not work out the query&apos;s attention: %1</source>
        <translation>No se pudo calcular la atención de la consulta: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="85"/>
        <source>Could not compute the attention map: %1</source>
        <translation>No se pudo calcular el mapa de atención: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="102"/>
        <source>Open an image (Ctrl+O), drop one here, paste one (Ctrl+V),
or pick a photo from File › Samples.</source>
        <translation>Abre una imagen (Ctrl+O), suéltala aquí, pégala (Ctrl+V)
o elige una foto en Archivo › Imágenes de muestra.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="134"/>
        <source>Prediction</source>
        <translation>Predicción</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="135"/>
        <source>Attention</source>
        <translation>Atención</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="136"/>
        <source>Heads</source>
        <translation>Cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="137"/>
        <source>Model anatomy</source>
        <translation>Anatomía del modelo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="138"/>
        <source>Faithfulness</source>
        <translation>Fidelidad</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="139"/>
        <source>Evaluation</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_tour.cpp" line="38"/>
        <source>Teach</source>
        <translation>Enseñanza</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="156"/>
        <source>loading model…</source>
        <translation>cargando el modelo…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="163"/>
        <source>The model is working in the background; the window stays usable.</source>
        <translation>El modelo trabaja en segundo plano; la ventana se puede seguir usando.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="190"/>
        <source>Save Results as JSON</source>
        <translation>Guardar resultados como JSON</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="190"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="194"/>
        <source>Save Results as CSV</source>
        <translation>Guardar resultados como CSV</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="194"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="198"/>
        <source>Save Confusion Matrix as PNG</source>
        <translation>Guardar la matriz de confusión como PNG</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="198"/>
        <location filename="../../ui/main_window_actions.cpp" line="46"/>
        <location filename="../../ui/main_window_actions.cpp" line="50"/>
        <location filename="../../ui/main_window_actions.cpp" line="54"/>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="204"/>
        <source>Evaluated %1: accuracy %2 %</source>
        <translation>Evaluada %1: exactitud %2 %</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="210"/>
        <location filename="../../ui/main_window.cpp" line="211"/>
        <source>Could not evaluate the folder: %1</source>
        <translation>No se pudo evaluar la carpeta: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="256"/>
        <source>untrained: random weights</source>
        <translation>sin entrenar: pesos aleatorios</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="266"/>
        <source>Could not draw the model&apos;s anatomy: %1</source>
        <translation>No se pudo dibujar la anatomía del modelo: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="271"/>
        <source>Loaded %1 on %2 in %3 ms</source>
        <translation>%1 cargado en %2 en %3 ms</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="280"/>
        <source>%1 · %2×%3, position embeddings interpolated · %4</source>
        <translation>%1 · %2×%3, embeddings de posición interpolados · %4</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="285"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="277"/>
        <source>outside the region the model saw</source>
        <translation>fuera de la región que vio el modelo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="287"/>
        <source>Set Query to &quot;Patch&quot; (Q) to see what a clicked patch attends to.</source>
        <translation>Pon Consulta en «Parche» (Q) para ver a qué atiende un parche pulsado.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="293"/>
        <source>Patch %1 is dropped from the model&apos;s input: it asks nothing.</source>
        <translation>El parche %1 se ha quitado de la entrada del modelo: no consulta nada.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="189"/>
        <source>Faithfulness needs an image and a model with a classifier head.</source>
        <translation>La fidelidad necesita una imagen y un modelo con cabeza clasificadora.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.cpp" line="364"/>
        <source>vitlens</source>
        <translation>vitlens</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="46"/>
        <source>Save Overlay</source>
        <translation>Guardar superposición</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="50"/>
        <source>Save Heads Grid</source>
        <translation>Guardar cuadrícula de cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="54"/>
        <source>Save Model Anatomy</source>
        <translation>Guardar anatomía del modelo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="58"/>
        <source>Save Map</source>
        <translation>Guardar mapa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="58"/>
        <source>NumPy arrays (*.npy)</source>
        <translation>Arrays de NumPy (*.npy)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="155"/>
        <source>Mouse: wheel zooms, drag pans, click picks the query patch in Patch mode.</source>
        <translation>Ratón: la rueda hace zoom, arrastrar desplaza la vista y, en el modo Parche, un clic elige el parche de consulta.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="156"/>
        <source>Keyboard Shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="160"/>
        <source>About vitlens</source>
        <translation>Acerca de vitlens</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_actions.cpp" line="161"/>
        <source>&lt;b&gt;vitlens %1&lt;/b&gt;&lt;p&gt;See what a Vision Transformer looks at: per-layer and per-head attention, rollout, the patch grid and the learned filters.&lt;/p&gt;&lt;p&gt;Sample photos: scikit-image sample data (CC0 / public domain), see resources/samples/README.md.&lt;/p&gt;</source>
        <translation>&lt;b&gt;vitlens %1&lt;/b&gt;&lt;p&gt;Mira qué observa un Vision Transformer: la atención por capa y por cabeza, el rollout, la cuadrícula de parches y los filtros aprendidos.&lt;/p&gt;&lt;p&gt;Fotos de muestra: datos de muestra de scikit-image (CC0 / dominio público); véase resources/samples/README.md.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="17"/>
        <source>Evaluate Folder</source>
        <translation>Evaluar carpeta</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="38"/>
        <source>An evaluation is running: cancel it first.</source>
        <translation>Hay una evaluación en curso: cancélala primero.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="42"/>
        <source>Evaluating a folder needs a model with a classifier head.</source>
        <translation>Evaluar una carpeta requiere un modelo con cabeza clasificadora.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="71"/>
        <source>No images in %1.</source>
        <translation>No hay imágenes en %1.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="79"/>
        <source>%1: %2 images in the filmstrip (Left and Right step through them)</source>
        <translation>%1: %2 imágenes en la tira (izquierda y derecha para recorrerlas)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_evaluation.cpp" line="93"/>
        <location filename="../../ui/main_window_evaluation.cpp" line="103"/>
        <location filename="../../ui/main_window_evaluation.cpp" line="109"/>
        <source>no folder has been evaluated yet</source>
        <translation>todavía no se ha evaluado ninguna carpeta</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="53"/>
        <source>At least one patch must stay: the model needs something to look at.</source>
        <translation>Debe quedar al menos un parche: el modelo necesita algo que mirar.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="65"/>
        <source>Drop patches: click or drag over the image to remove patches, Shift to put them back (D to stop).</source>
        <translation>Quitar parches: pulsa o arrastra sobre la imagen para quitar parches, con Mayús para devolverlos (D para terminar).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="102"/>
        <source>Dropped the %1 most important patches of this map.</source>
        <translation>Se han quitado los %1 parches más importantes de este mapa.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="113"/>
        <source>Head importance needs an image and a model with a classifier head.</source>
        <translation>La importancia de las cabezas necesita una imagen y un modelo con cabeza clasificadora.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="116"/>
        <source>Switching every head off in turn…</source>
        <translation>Apagando cada cabeza por turnos…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="124"/>
        <source>Head importance for “%1”: %2 heads, one forward pass each, in %3 ms</source>
        <translation>Importancia de las cabezas para “%1”: %2 cabezas, una pasada hacia delante cada una, en %3 ms</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="135"/>
        <source>1 head switched off</source>
        <translation>1 cabeza apagada</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="135"/>
        <source>%1 heads switched off</source>
        <translation>%1 cabezas apagadas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="136"/>
        <source>1 patch dropped</source>
        <translation>1 parche quitado</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_experiments.cpp" line="136"/>
        <source>%1 patches dropped</source>
        <translation>%1 parches quitados</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="48"/>
        <source>cannot read the sample %1</source>
        <translation>no se puede leer la muestra %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="55"/>
        <source>Open Image</source>
        <translation>Abrir imagen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="61"/>
        <source>Open Video</source>
        <translation>Abrir vídeo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="62"/>
        <source>Videos (*.mp4 *.m4v *.mov *.avi *.mkv *.webm *.mpg *.mpeg *.ogv *.wmv);;All files (*)</source>
        <translation>Vídeos (*.mp4 *.m4v *.mov *.avi *.mkv *.webm *.mpg *.mpeg *.ogv *.wmv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="69"/>
        <source>Open Folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="76"/>
        <source>%1 holds no images (%2)</source>
        <translation>%1 no contiene imágenes (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="88"/>
        <source>Open Model</source>
        <translation>Abrir modelo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="89"/>
        <source>Models (*.safetensors config.json);;All files (*)</source>
        <translation>Modelos (*.safetensors config.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="94"/>
        <source>Open Model Folder</source>
        <translation>Abrir carpeta de modelo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="103"/>
        <source>Input Size</source>
        <translation>Tamaño de entrada</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="104"/>
        <source>Input size in pixels, N or HxW, a multiple of the patch size %1 (empty: the model&apos;s own):</source>
        <translation>Tamaño de entrada en píxeles, N o HxW (alto x ancho), múltiplo del tamaño de parche %1 (vacío: el del propio modelo):</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="122"/>
        <source>pasted image</source>
        <translation>imagen pegada</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="128"/>
        <source>The clipboard holds no image.</source>
        <translation>El portapapeles no contiene ninguna imagen.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="135"/>
        <source>Copied the view to the clipboard</source>
        <translation>Vista copiada al portapapeles</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="145"/>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="152"/>
        <source>there is no image to save yet</source>
        <translation>todavía no hay ninguna imagen que guardar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="153"/>
        <location filename="../../ui/main_window_files.cpp" line="159"/>
        <location filename="../../ui/main_window_files.cpp" line="165"/>
        <location filename="../../ui/main_window_files.cpp" line="171"/>
        <source>%1 already exists; not replaced</source>
        <translation>%1 ya existe; no se ha reemplazado</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="158"/>
        <source>there are no head maps to save yet</source>
        <translation>todavía no hay mapas de cabezas que guardar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="164"/>
        <source>no model is loaded yet</source>
        <translation>todavía no hay ningún modelo cargado</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="170"/>
        <source>there is no attention map to save yet</source>
        <translation>todavía no hay ningún mapa de atención que guardar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_files.cpp" line="200"/>
        <source>dropped image</source>
        <translation>imagen soltada</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="173"/>
        <source>Prefix-token norms (not in the map): %1</source>
        <translation>Normas de los tokens de prefijo (no están en el mapa): %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="178"/>
        <source>Attention to prefix tokens (not in the map): %1</source>
        <translation>Atención a los tokens de prefijo (no está en el mapa): %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_view.cpp" line="266"/>
        <source>Could not render the attention: %1</source>
        <translation>No se pudo dibujar la atención: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="34"/>
        <source>Could not open the video: %1</source>
        <translation>No se pudo abrir el vídeo: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="51"/>
        <source>Live: %1</source>
        <translation>En directo: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="62"/>
        <source>Paused: %1, frame %2</source>
        <translation>En pausa: %1, fotograma %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="115"/>
        <source>Live: %1 · %2 fps · %3 ms · %4 dropped</source>
        <translation>En directo: %1 · %2 fps · %3 ms · %4 descartados</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_live.cpp" line="120"/>
        <source>Frames shown per second, the time from a frame&apos;s capture to its overlay on screen, and the frames skipped because the model was still busy with an earlier one (they are dropped, never queued). %1 frames read, %2 shown.</source>
        <translation>Fotogramas mostrados por segundo, el tiempo desde la captura de un fotograma hasta su superposición en pantalla, y los fotogramas omitidos porque el modelo aún estaba ocupado con uno anterior (se descartan, nunca se ponen en cola). %1 fotogramas leídos, %2 mostrados.</translation>
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
        <translation>Los textos de la visita guiada faltan en esta compilación.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_tour.cpp" line="211"/>
        <source>Open an image (Ctrl+O) or pick one from File › Samples: the tour&apos;s numbers come from it.</source>
        <translation>Abre una imagen (Ctrl+O) o elige una en Archivo › Imágenes de muestra: los números de la visita salen de ella.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_tour.cpp" line="219"/>
        <source>%1 token</source>
        <translation>token %1</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::ModelSession</name>
    <message>
        <location filename="../../ui/model_session.cpp" line="66"/>
        <source>CUDA is not available on this machine (no NVIDIA GPU, or LibTorch was built without CUDA); staying on the CPU.</source>
        <translation>CUDA no está disponible en este equipo (no hay GPU NVIDIA o LibTorch se compiló sin CUDA); se sigue en la CPU.</translation>
    </message>
    <message>
        <location filename="../../ui/model_session.cpp" line="102"/>
        <source>%1: no image data</source>
        <translation>%1: no hay datos de imagen</translation>
    </message>
    <message>
        <location filename="../../ui/model_session.cpp" line="188"/>
        <source>Could not load the model: %1</source>
        <translation>No se pudo cargar el modelo: %1</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::OverlayRenderer</name>
    <message>
        <location filename="../../ui/overlay_renderer.cpp" line="106"/>
        <source>patch %1 (row %2, col %3) · dropped from the model&apos;s input</source>
        <translation>parche %1 (fila %2, col. %3) · quitado de la entrada del modelo</translation>
    </message>
    <message>
        <location filename="../../ui/overlay_renderer.cpp" line="113"/>
        <source>patch %1 (row %2, col %3) · token %4 · attention %5</source>
        <translation>parche %1 (fila %2, col. %3) · token %4 · atención %5</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::PredictionPanel</name>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="20"/>
        <source>The model&apos;s most likely classes for this image, with their softmax probabilities. Click a class to see why the model would choose it.</source>
        <translation>Las clases más probables según el modelo para esta imagen, con sus probabilidades softmax. Pulsa una clase para ver por qué la elegiría el modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="62"/>
        <source>%1 · %2 ms</source>
        <translation>%1 · %2 ms</translation>
    </message>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="107"/>
        <location filename="../../ui/prediction_panel.cpp" line="184"/>
        <source>Classifying…</source>
        <translation>Clasificando…</translation>
    </message>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="109"/>
        <source>No image yet</source>
        <translation>Todavía no hay imagen</translation>
    </message>
    <message>
        <location filename="../../ui/prediction_panel.cpp" line="110"/>
        <source>This model has no classifier head: it shows attention only.
%1</source>
        <translation>Este modelo no tiene cabeza clasificadora: solo muestra la atención.
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
        <translation>peso</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="82"/>
        <source>key</source>
        <translation>clave</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="93"/>
        <source>◀ Back</source>
        <translation>◀ Atrás</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="94"/>
        <source>The previous step (Page Up)</source>
        <translation>El paso anterior (Re Pág)</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="95"/>
        <source>Next ▶</source>
        <translation>Siguiente ▶</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="96"/>
        <source>The next step (Page Down)</source>
        <translation>El paso siguiente (Av Pág)</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="98"/>
        <source>End Tour</source>
        <translation>Terminar la visita</translation>
    </message>
    <message>
        <location filename="../../ui/tour_panel.cpp" line="139"/>
        <source>Step %1 of %2</source>
        <translation>Paso %1 de %2</translation>
    </message>
</context>
<context>
    <name>vitlens::ui::WindowActions</name>
    <message>
        <location filename="../../ui/window_actions.cpp" line="49"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="51"/>
        <source>&amp;Tour: How a ViT Sees Your Image</source>
        <translation>&amp;Visita guiada: cómo ve un ViT tu imagen</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="51"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="52"/>
        <source>A guided tour through the model, step by step, on the image shown (the Teach panel).</source>
        <translation>Una visita guiada por el modelo, paso a paso, sobre la imagen mostrada (el panel Enseñanza).</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="53"/>
        <source>Tour: &amp;Next Step</source>
        <translation>Visita guiada: paso &amp;siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="53"/>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="54"/>
        <source>The tour&apos;s next step (Page Down in presentation mode).</source>
        <translation>El siguiente paso de la visita (Av Pág en el modo presentación).</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="55"/>
        <source>Tour: &amp;Previous Step</source>
        <translation>Visita guiada: paso &amp;anterior</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="56"/>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="56"/>
        <source>The tour&apos;s previous step (Page Up in presentation mode).</source>
        <translation>El paso anterior de la visita (Re Pág en el modo presentación).</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="58"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="59"/>
        <source>List the shortcuts.</source>
        <translation>Muestra la lista de atajos.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="61"/>
        <source>&amp;About vitlens</source>
        <translation>Acerca &amp;de vitlens</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="61"/>
        <source>Version and credits.</source>
        <translation>Versión y créditos.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="67"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="69"/>
        <source>&amp;Open Image…</source>
        <translation>Abrir &amp;imagen…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="70"/>
        <source>Open an image file and classify it.</source>
        <translation>Abre un archivo de imagen y lo clasifica.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="72"/>
        <source>Open &amp;Folder…</source>
        <translation>Abrir &amp;carpeta…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="72"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="73"/>
        <source>Show a folder&apos;s images as a filmstrip; step through them with the arrow keys.</source>
        <translation>Muestra las imágenes de una carpeta como una tira; recórrelas con las flechas.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="75"/>
        <source>&amp;Evaluate Folder…</source>
        <translation>&amp;Evaluar carpeta…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="75"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="76"/>
        <source>Run the model on a folder of class sub-folders (named like its labels): accuracy, confusion matrix, every image&apos;s result.</source>
        <translation>Ejecuta el modelo sobre una carpeta con una subcarpeta por clase (con los nombres de sus etiquetas): exactitud, matriz de confusión y el resultado de cada imagen.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="78"/>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="79"/>
        <source>&amp;Samples</source>
        <translation>Imágenes de mues&amp;tra</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="80"/>
        <source>&amp;Paste Image</source>
        <translation>Pe&amp;gar imagen</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="81"/>
        <source>Classify the image (or image file) on the clipboard.</source>
        <translation>Clasifica la imagen (o el archivo de imagen) del portapapeles.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="83"/>
        <source>Open &amp;Video…</source>
        <translation>Abrir &amp;vídeo…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="83"/>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="84"/>
        <source>Classify a video&apos;s frames as it plays, with the overlay of the current view; frames the model cannot keep up with are skipped.</source>
        <translation>Clasifica los fotogramas de un vídeo mientras se reproduce, con la superposición de la vista actual; se omiten los fotogramas a los que el modelo no llega a tiempo.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="86"/>
        <source>&amp;Camera</source>
        <translation>Cá&amp;mara</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="86"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="87"/>
        <source>Classify the camera&apos;s picture continuously, with the overlay of the current view.</source>
        <translation>Clasifica continuamente la imagen de la cámara, con la superposición de la vista actual.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="89"/>
        <source>Pa&amp;use Live Input</source>
        <translation>&amp;Pausar la entrada en directo</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="89"/>
        <source>Ctrl+Space</source>
        <translation>Ctrl+Space</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="90"/>
        <source>Freeze the current frame of the video or camera, to explore it with every view.</source>
        <translation>Congela el fotograma actual del vídeo o de la cámara para explorarlo con todas las vistas.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="92"/>
        <source>S&amp;top Live Input</source>
        <translation>&amp;Detener la entrada en directo</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="93"/>
        <source>Ctrl+Shift+Space</source>
        <translation>Ctrl+Shift+Space</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="93"/>
        <source>Stop the video or camera; the last frame stays.</source>
        <translation>Detiene el vídeo o la cámara; el último fotograma permanece.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="95"/>
        <source>&amp;Save Overlay as PNG…</source>
        <translation>Guardar &amp;superposición como PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="96"/>
        <source>Save the image with the current overlay, at the image&apos;s resolution.</source>
        <translation>Guarda la imagen con la superposición actual, a la resolución de la imagen.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="97"/>
        <source>Save &amp;Heads Grid as PNG…</source>
        <translation>Guardar cuadrícula de ca&amp;bezas como PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="98"/>
        <source>Save every layer and head&apos;s map as one picture.</source>
        <translation>Guarda el mapa de cada capa y cada cabeza en una sola imagen.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="99"/>
        <source>Save &amp;Anatomy as PNG…</source>
        <translation>Guardar a&amp;natomía como PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="100"/>
        <source>Save the filters, their principal components and the position similarity.</source>
        <translation>Guarda los filtros, sus componentes principales y la similitud de posición.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="102"/>
        <source>Save Map as &amp;NumPy…</source>
        <translation>Guardar mapa como N&amp;umPy…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="102"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="103"/>
        <source>Save the current attention map (patch grid, raw values) as a .npy file.</source>
        <translation>Guarda el mapa de atención actual (cuadrícula de parches, valores en bruto) como archivo .npy.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="104"/>
        <source>&amp;Copy View</source>
        <translation>C&amp;opiar vista</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="105"/>
        <source>Copy the image with its overlay to the clipboard.</source>
        <translation>Copia la imagen con su superposición al portapapeles.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="107"/>
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="107"/>
        <source>Close vitlens.</source>
        <translation>Cierra vitlens.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="111"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="112"/>
        <source>Zoom to &amp;Fit</source>
        <translation>&amp;Ajustar a la ventana</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="112"/>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="113"/>
        <source>Show the whole image.</source>
        <translation>Muestra la imagen entera.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="114"/>
        <source>&amp;Actual Size</source>
        <translation>&amp;Tamaño real</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="114"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="115"/>
        <source>One image pixel per screen pixel.</source>
        <translation>Un píxel de la imagen por cada píxel de la pantalla.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="117"/>
        <source>Zoom &amp;In</source>
        <translation>A&amp;mpliar</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="117"/>
        <source>Enlarge the image.</source>
        <translation>Amplía la imagen.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="118"/>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Reducir</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="119"/>
        <source>Shrink the image.</source>
        <translation>Reduce la imagen.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="121"/>
        <source>&amp;Next Image</source>
        <translation>Imagen &amp;siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="122"/>
        <source>The next image of the opened folder.</source>
        <translation>La siguiente imagen de la carpeta abierta.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="123"/>
        <source>&amp;Previous Image</source>
        <translation>Imagen a&amp;nterior</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="124"/>
        <source>The previous image of the opened folder.</source>
        <translation>La imagen anterior de la carpeta abierta.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="128"/>
        <source>P&amp;resentation Mode</source>
        <translation>Modo &amp;presentación</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="128"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="129"/>
        <source>For the projector: full screen, larger text, only the main panels; Page Up / Page Down step the tour.</source>
        <translation>Para el proyector: pantalla completa, texto más grande y solo los paneles principales; Re Pág / Av Pág recorren la visita guiada.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="132"/>
        <source>Presentation &amp;Scale</source>
        <translation>&amp;Escala de presentación</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="135"/>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="142"/>
        <source>F&amp;ull Screen</source>
        <translation>Pantalla &amp;completa</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="143"/>
        <source>Fill the screen with the window.</source>
        <translation>La ventana ocupa toda la pantalla.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="152"/>
        <source>&amp;Attention</source>
        <translation>A&amp;tención</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="153"/>
        <source>Toggle &amp;Rollout</source>
        <translation>Alternar &amp;rollout</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="154"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="154"/>
        <source>Switch between one layer&apos;s attention and attention rollout.</source>
        <translation>Cambia entre la atención de una capa y el rollout de atención.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="155"/>
        <source>&amp;Next Layer</source>
        <translation>Capa &amp;siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="156"/>
        <source>One layer deeper.</source>
        <translation>Una capa más profunda.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="157"/>
        <source>P&amp;revious Layer</source>
        <translation>Capa &amp;anterior</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="158"/>
        <source>One layer shallower.</source>
        <translation>Una capa menos profunda.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="160"/>
        <source>Next &amp;Head</source>
        <translation>Cabeza si&amp;guiente</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="160"/>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="161"/>
        <source>The next head (after mean, max and min of the heads).</source>
        <translation>La siguiente cabeza (tras la media, el máximo y el mínimo de las cabezas).</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="162"/>
        <source>Previous H&amp;ead</source>
        <translation>Cabeza an&amp;terior</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="163"/>
        <source>Shift+H</source>
        <translation>Shift+H</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="163"/>
        <source>The previous head.</source>
        <translation>La cabeza anterior.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="165"/>
        <source>Toggle &amp;Query Mode</source>
        <translation>Alternar modo de c&amp;onsulta</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="165"/>
        <source>Q</source>
        <translation>Q</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="166"/>
        <source>Switch between the class token&apos;s attention and a clicked patch&apos;s.</source>
        <translation>Cambia entre la atención del token de clase y la de un parche pulsado.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="167"/>
        <source>Patch &amp;Grid</source>
        <translation>&amp;Cuadrícula de parches</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="167"/>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="168"/>
        <source>Show or hide the patch grid.</source>
        <translation>Muestra u oculta la cuadrícula de parches.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="169"/>
        <source>Heat &amp;Map</source>
        <translation>&amp;Mapa de calor</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="169"/>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="170"/>
        <source>Show or hide the heat map.</source>
        <translation>Muestra u oculta el mapa de calor.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="174"/>
        <source>E&amp;xperiment</source>
        <translation>&amp;Experimento</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="176"/>
        <source>&amp;Drop Patches</source>
        <translation>&amp;Quitar parches</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="176"/>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="177"/>
        <source>Click or drag over the image to remove patches from the model&apos;s input (Shift: put them back); the prediction follows. The middle button still pans.</source>
        <translation>Pulsa o arrastra sobre la imagen para quitar parches de la entrada del modelo (Mayús: devolverlos); la predicción se actualiza. El botón central sigue desplazando la vista.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="180"/>
        <source>Drop the &amp;Most Important Patches of This Map</source>
        <translation>Quitar los parches &amp;más importantes de este mapa</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="183"/>
        <source>Top %1 %</source>
        <translation>El %1 % superior</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="184"/>
        <source>Remove the patches with the highest values in the map shown.</source>
        <translation>Quita los parches con los valores más altos del mapa mostrado.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="188"/>
        <source>&amp;Restore All Patches</source>
        <translation>&amp;Restaurar todos los parches</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="189"/>
        <source>Shift+D</source>
        <translation>Shift+D</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="189"/>
        <source>Put every dropped patch back.</source>
        <translation>Devuelve todos los parches quitados.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="192"/>
        <source>Head &amp;Importance</source>
        <translation>&amp;Importancia de las cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="192"/>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="193"/>
        <source>Switch every head off alone and colour its tile by how much the top class&apos;s probability changes: red, the class needs the head; blue, it does better without it.</source>
        <translation>Apaga cada cabeza por separado y colorea su casilla según cuánto cambia la probabilidad de la clase más probable: rojo, la clase necesita la cabeza; azul, le va mejor sin ella.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="196"/>
        <source>Switch All Heads &amp;On</source>
        <translation>&amp;Activar todas las cabezas</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="197"/>
        <source>Undo the head ablations made with Ctrl+click in the heads grid.</source>
        <translation>Deshace las ablaciones de cabezas hechas con Ctrl+clic en la cuadrícula de cabezas.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="201"/>
        <source>&amp;Model</source>
        <translation>&amp;Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="203"/>
        <source>&amp;Open Model…</source>
        <translation>&amp;Abrir modelo…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="203"/>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="204"/>
        <source>Load a model: a vitlens .safetensors file, a timm or Hugging Face model.safetensors, or its config.json.</source>
        <translation>Carga un modelo: un archivo .safetensors de vitlens, un model.safetensors de timm o Hugging Face, o su config.json.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="207"/>
        <source>Open Model &amp;Folder…</source>
        <translation>Abrir car&amp;peta de modelo…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="207"/>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="208"/>
        <source>Load the model in a folder downloaded from a model hub (model.safetensors + config.json).</source>
        <translation>Carga el modelo de una carpeta descargada de un hub de modelos (model.safetensors + config.json).</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="209"/>
        <source>Models on This &amp;Computer…</source>
        <translation>Modelos en este &amp;equipo…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="210"/>
        <source>The ViTs timm and transformers have downloaded into the Hugging Face cache: open one.</source>
        <translation>Los ViT que timm y transformers han descargado en la caché de Hugging Face: abre uno.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="212"/>
        <source>&amp;Download from Hugging Face…</source>
        <translation>Descar&amp;gar de Hugging Face…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="213"/>
        <source>Fetch a ViT from the Hugging Face hub into the local cache and open it.</source>
        <translation>Descarga un ViT del hub de Hugging Face en la caché local y lo abre.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="214"/>
        <source>&amp;Input Size…</source>
        <translation>&amp;Tamaño de entrada…</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="215"/>
        <source>Run the model at another input size; its position embeddings are interpolated bicubically.</source>
        <translation>Ejecuta el modelo con otro tamaño de entrada; sus embeddings de posición se interpolan de forma bicúbica.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="217"/>
        <source>Use &amp;Built-in Model</source>
        <translation>&amp;Usar el modelo integrado</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="218"/>
        <source>The CIFAR-10 model that ships with vitlens.</source>
        <translation>El modelo CIFAR-10 que viene con vitlens.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="222"/>
        <source>&amp;Auto</source>
        <translation>Aut&amp;omático</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="222"/>
        <source>&amp;CPU</source>
        <translation>&amp;CPU</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="222"/>
        <source>C&amp;UDA</source>
        <translation>CU&amp;DA</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="230"/>
        <source>No CUDA device: this machine has no NVIDIA GPU, or LibTorch was built without CUDA.</source>
        <translation>No hay dispositivo CUDA: este equipo no tiene GPU NVIDIA o LibTorch se compiló sin CUDA.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="234"/>
        <source>&amp;Precision</source>
        <translation>P&amp;recisión</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="238"/>
        <source>&amp;Auto (bfloat16 on CPUs with AMX, else int8, for wide models)</source>
        <translation>&amp;Automática (bfloat16 en CPU con AMX y si no int8, para modelos anchos)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="239"/>
        <source>&amp;float32</source>
        <translation>&amp;float32</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="240"/>
        <source>&amp;bfloat16</source>
        <translation>&amp;bfloat16</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="241"/>
        <source>&amp;int8 (CPU: Linear layers quantized)</source>
        <translation>&amp;int8 (CPU: capas Linear cuantizadas)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="242"/>
        <source>float&amp;16 (CUDA only)</source>
        <translation>float&amp;16 (solo CUDA)</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="249"/>
        <source>This CPU has no native bfloat16 (AVX-512 BF16 / AMX): it runs, but slower than float32.</source>
        <translation>Esta CPU no admite bfloat16 de forma nativa (AVX-512 BF16 / AMX): funciona, pero más despacio que float32.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="254"/>
        <source>No model loaded</source>
        <translation>Ningún modelo cargado</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="269"/>
        <source>In use: %1</source>
        <translation>En uso: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="281"/>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="296"/>
        <source>Auto</source>
        <translation>Automático</translation>
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
        <translation>Dónde se ejecuta el modelo: Automático elige la GPU si hay una.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions.cpp" line="300"/>
        <source>No CUDA device on this machine.</source>
        <translation>No hay ningún dispositivo CUDA en este equipo.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="14"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="20"/>
        <source>System Default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="30"/>
        <source>The language of the system, English when vitlens has no translation for it.</source>
        <translation>El idioma del sistema, o inglés si vitlens no tiene traducción para él.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="36"/>
        <location filename="../../ui/window_actions_language.cpp" line="49"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="37"/>
        <source>The new language applies when vitlens starts again: the window builds its menus and panels once. Restart now? An image or folder opened since the start is not opened again.</source>
        <translation>El nuevo idioma se aplica cuando vitlens se vuelve a iniciar: la ventana construye sus menús y paneles una sola vez. ¿Reiniciar ahora? Las imágenes o carpetas abiertas desde el inicio no se vuelven a abrir.</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="40"/>
        <source>&amp;Restart Now</source>
        <translation>&amp;Reiniciar ahora</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="41"/>
        <source>&amp;Later</source>
        <translation>&amp;Más tarde</translation>
    </message>
    <message>
        <location filename="../../ui/window_actions_language.cpp" line="50"/>
        <source>vitlens could not be started again; the new language applies at the next start.</source>
        <translation>No se pudo volver a iniciar vitlens; el nuevo idioma se aplicará en el próximo inicio.</translation>
    </message>
</context>
</TS>

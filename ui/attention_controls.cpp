#include "ui/attention_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStringListModel>

#include <algorithm>
#include <cmath>

namespace vitlens::ui {
namespace {

// Head box entries: mean, max, min, then one per head.
constexpr int kFirstHeadEntry = 3;

QSlider* makeSlider(int minimum, int maximum) {
  auto* slider = new QSlider(Qt::Horizontal);
  slider->setRange(minimum, maximum);
  return slider;
}

QWidget* withValue(QSlider* slider, QLabel* value) {
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(slider, 1);
  value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("100 %")) + 4);
  layout->addWidget(value);
  return row;
}

}  // namespace

AttentionControls::AttentionControls(QWidget* parent) : QWidget(parent) {
  auto* form = new QFormLayout(this);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

  method_ = new QComboBox;
  // In MapMethod's order: the index is the method.
  method_->addItem(tr("Attention (one layer)"));
  method_->addItem(tr("Attention rollout"));
  method_->addItem(tr("Why this class: GAE"));
  method_->addItem(tr("Why this class: gradient rollout"));
  method_->addItem(tr("Why this class: attention × gradient"));
  method_->addItem(tr("Why this class: occlusion"));
  method_->addItem(tr("Random (baseline)"));
  method_->addItem(tr("Token norms (one layer)"));
  method_->setItemData(2,
                       tr("Chefer et al. 2021: every layer's attention weighted by its gradient for the class, "
                          "accumulated from the first layer to the last."),
                       Qt::ToolTipRole);
  method_->setItemData(3,
                       tr("Rollout of each layer's attention times its gradient for the class (vit-explain, "
                          "with its normalisation fixed)."),
                       Qt::ToolTipRole);
  method_->setItemData(4,
                       tr("The last layer's attention from the class token, each head weighted by its mean "
                          "gradient for the class."),
                       Qt::ToolTipRole);
  method_->setItemData(5,
                       tr("How much the class's probability drops when each patch is replaced by the mean "
                          "colour: one forward pass per patch, no gradients."),
                       Qt::ToolTipRole);
  method_->setItemData(6, tr("Random values per patch: what a map that explains nothing looks like."), Qt::ToolTipRole);
  method_->setItemData(7,
                       tr("The length (L2 norm) of each patch token after the chosen layer: the few very long "
                          "\"artifact\" tokens large ViTs make (Darcet et al. 2023) stand out. The prefix tokens' "
                          "norms are listed under the controls."),
                       Qt::ToolTipRole);
  method_->setToolTip(
      tr("One layer's attention weights; rollout, the attention of all layers multiplied together (R); or why "
         "the model chose a class — click a class in Prediction to explain that one."));
  form->addRow(tr("&Method"), method_);

  class_ = new QLineEdit;
  class_->setObjectName(QStringLiteral("classField"));
  class_->setPlaceholderText(tr("top class"));
  class_->setClearButtonEnabled(true);
  class_->setToolTip(
      tr("The class the \"Why this class\" methods explain: type a class name (empty: the top class), or click a "
         "bar in Prediction."));
  classCompleter_ = new QCompleter(this);
  classCompleter_->setCaseSensitivity(Qt::CaseInsensitive);
  classCompleter_->setFilterMode(Qt::MatchContains);
  class_->setCompleter(classCompleter_);
  form->addRow(tr("Cl&ass"), class_);

  layer_ = new QSpinBox;
  layer_->setToolTip(tr("Which transformer block's attention to show, 0 = first (Page Up / Page Down)."));
  form->addRow(tr("&Layer"), layer_);

  head_ = new QComboBox;
  head_->setToolTip(
      tr("One attention head, or the mean, maximum or minimum over all heads of the layer "
         "(H / Shift+H)."));
  form->addRow(tr("H&ead"), head_);

  query_ = new QComboBox;
  query_->addItem(tr("Class token"));
  query_->addItem(tr("Patch (click the image)"));
  query_->setToolTip(
      tr("Whose attention to show: the class token's (what the classifier reads), or a patch's — "
         "then click the image to pick the patch (Q)."));
  queryPatch_ = new QLabel;
  auto* queryRow = new QWidget;
  auto* queryLayout = new QHBoxLayout(queryRow);
  queryLayout->setContentsMargins(0, 0, 0, 0);
  queryLayout->addWidget(query_, 1);
  queryLayout->addWidget(queryPatch_);
  form->addRow(tr("&Query"), queryRow);

  colormap_ = new QComboBox;
  for (const std::string& name : colormapNames()) colormap_->addItem(QString::fromStdString(name));
  colormap_->setToolTip(
      tr("The colours of the heat map; viridis, inferno and magma stay readable in grey and "
         "for colour-blind viewers."));
  form->addRow(tr("&Colours"), colormap_);

  opacity_ = makeSlider(0, 100);
  opacityValue_ = new QLabel;
  opacity_->setToolTip(tr("How strongly the heat map covers the image (0 % shows the plain image)."));
  form->addRow(tr("&Opacity"), withValue(opacity_, opacityValue_));

  mass_ = makeSlider(0, 100);
  massValue_ = new QLabel;
  mass_->setToolTip(
      tr("Outline the fewest patches that hold this share of the attention, as DINO does "
         "(0 % turns the outline off)."));
  form->addRow(tr("Mass &outline"), withValue(mass_, massValue_));

  discard_ = makeSlider(0, 99);
  discardValue_ = new QLabel;
  discard_->setToolTip(
      tr("Rollout only: drop this fraction of the weakest attention weights in every layer "
         "before multiplying, which sharpens the map."));
  form->addRow(tr("&Discard"), withValue(discard_, discardValue_));

  fusion_ = new QComboBox;
  fusion_->addItems({tr("mean"), tr("max"), tr("min")});
  fusion_->setToolTip(tr("Rollout only: how the heads of each layer are combined before multiplying."));
  form->addRow(tr("Head &fusion"), fusion_);

  grid_ = new QCheckBox(tr("Patch &grid"));
  grid_->setToolTip(tr("Draw the grid of patches the model cuts the image into, over the region it saw (G)."));
  overlay_ = new QCheckBox(tr("&Heat map"));
  overlay_->setToolTip(tr("Show or hide the heat map over the image (M)."));
  auto* toggles = new QWidget;
  auto* toggleLayout = new QHBoxLayout(toggles);
  toggleLayout->setContentsMargins(0, 0, 0, 0);
  toggleLayout->addWidget(overlay_);
  toggleLayout->addWidget(grid_);
  toggleLayout->addStretch(1);
  form->addRow(QString(), toggles);
  prefixSummary_ = new QLabel;
  prefixSummary_->setObjectName(QStringLiteral("prefixSummary"));
  prefixSummary_->setWordWrap(true);
  prefixSummary_->setToolTip(
      tr("How much of the query's attention goes to the prefix tokens (class, distillation, registers) rather than "
         "to the patches the map shows."));
  prefixSummary_->hide();
  form->addRow(prefixSummary_);

  setModelShape(1, 1, true, 1);
  shapeKnown_ = false;
  writeWidgets();

  connect(method_, &QComboBox::currentIndexChanged, this, &AttentionControls::readWidgets);
  connect(class_, &QLineEdit::editingFinished, this, &AttentionControls::readClassField);
  connect(classCompleter_, qOverload<const QString&>(&QCompleter::activated), this,
          [this](const QString&) { readClassField(); });
  connect(layer_, &QSpinBox::valueChanged, this, &AttentionControls::readWidgets);
  connect(head_, &QComboBox::currentIndexChanged, this, &AttentionControls::readWidgets);
  connect(query_, &QComboBox::currentIndexChanged, this, &AttentionControls::readWidgets);
  connect(colormap_, &QComboBox::currentIndexChanged, this, &AttentionControls::readWidgets);
  connect(opacity_, &QSlider::valueChanged, this, &AttentionControls::readWidgets);
  connect(mass_, &QSlider::valueChanged, this, &AttentionControls::readWidgets);
  connect(discard_, &QSlider::valueChanged, this, &AttentionControls::readWidgets);
  connect(fusion_, &QComboBox::currentIndexChanged, this, &AttentionControls::readWidgets);
  connect(grid_, &QCheckBox::toggled, this, &AttentionControls::readWidgets);
  connect(overlay_, &QCheckBox::toggled, this, &AttentionControls::readWidgets);
}

void AttentionControls::setPrefixSummary(const QString& text) {
  prefixSummary_->setText(text);
  prefixSummary_->setVisible(!text.isEmpty());
}

void AttentionControls::setModelShape(int layers, int heads, bool hasClassToken, int patches) {
  layers_ = std::max(1, layers);
  heads_ = std::max(1, heads);
  hasClassToken_ = hasClassToken;
  patches_ = std::max(1, patches);
  shapeKnown_ = true;
  {
    const QSignalBlocker blockLayer(layer_);
    const QSignalBlocker blockHead(head_);
    layer_->setRange(0, layers_ - 1);
    head_->clear();
    head_->addItems({tr("mean of heads"), tr("max of heads"), tr("min of heads")});
    for (int h = 0; h < heads_; ++h) head_->addItem(tr("head %1").arg(h));
  }
  // Another model keeps the layer shown when it has it (normalise clamps, and "last" stays the last): loading a
  // model used to jump to its last layer.
  normalise();
  writeWidgets();
}

void AttentionControls::normalise() {
  if (settings_.layer >= layers_ - 1) settings_.layer = -1;
  if (settings_.heads.reduce == HeadReduce::Single && (settings_.heads.head < 0 || settings_.heads.head >= heads_)) {
    settings_.heads = HeadSelection{};
  }
  if (settings_.queryPatch >= patches_) settings_.queryPatch = patches_ - 1;
  if (!hasClassToken_ && settings_.queryPatch < 0) settings_.queryPatch = 0;  // nothing else to ask from
}

void AttentionControls::setSettings(const ViewSettings& settings) {
  settings_ = settings;
  if (shapeKnown_) normalise();
  writeWidgets();
  Q_EMIT settingsChanged();
}

bool AttentionControls::patchQueryMode() const { return query_->currentIndex() == 1; }

void AttentionControls::setQueryPatch(int patch) {
  settings_.queryPatch = patch;
  normalise();
  writeWidgets();
  Q_EMIT settingsChanged();
}

void AttentionControls::stepLayer(int delta) { layer_->setValue(std::clamp(layer_->value() + delta, 0, layers_ - 1)); }

void AttentionControls::stepHead(int delta) {
  const int count = head_->count();
  head_->setCurrentIndex(((head_->currentIndex() + delta) % count + count) % count);
}

void AttentionControls::toggleMethod() { method_->setCurrentIndex(method_->currentIndex() == 0 ? 1 : 0); }

void AttentionControls::setClassNames(const QStringList& names) {
  classNames_ = names;
  classCompleter_->setModel(new QStringListModel(names, classCompleter_));
  if (settings_.targetClass >= names.size()) settings_.targetClass = -1;
  writeWidgets();
}

void AttentionControls::setTargetClass(int index) {
  settings_.targetClass = index >= 0 && index < classNames_.size() ? index : -1;
  writeWidgets();
  Q_EMIT settingsChanged();
}

void AttentionControls::readClassField() {
  const QString text = class_->text().trimmed();
  int index = -1;
  if (!text.isEmpty()) {
    index = static_cast<int>(classNames_.indexOf(text));
    if (index < 0) {
      for (int i = 0; i < classNames_.size() && index < 0; ++i) {
        if (classNames_[i].compare(text, Qt::CaseInsensitive) == 0) index = i;
      }
    }
    bool isNumber = false;
    const int number = text.toInt(&isNumber);
    if (index < 0 && isNumber && number >= 0 && number < classNames_.size()) index = number;
    if (index < 0) {
      class_->setStyleSheet(QStringLiteral("color: rgb(200, 40, 30);"));  // not a class: say so, keep the last
      class_->setToolTip(tr("\"%1\" is none of the model's classes.").arg(text));
      return;
    }
  }
  class_->setStyleSheet(QString());
  if (index == settings_.targetClass) {
    writeWidgets();
    return;
  }
  setTargetClass(index);
}
void AttentionControls::toggleGrid() { grid_->toggle(); }

void AttentionControls::readWidgets() {
  settings_.method = static_cast<AttentionMethod>(std::max(0, method_->currentIndex()));
  settings_.layer = layer_->value() == layers_ - 1 ? -1 : layer_->value();
  const int headIndex = head_->currentIndex();
  if (headIndex >= kFirstHeadEntry) {
    settings_.heads = HeadSelection{HeadReduce::Single, headIndex - kFirstHeadEntry};
  } else {
    const HeadReduce reduces[] = {HeadReduce::Mean, HeadReduce::Max, HeadReduce::Min};
    settings_.heads = HeadSelection{reduces[std::max(0, headIndex)], 0};
  }
  const bool patchMode = query_->currentIndex() == 1;
  if (!patchMode) {
    settings_.queryPatch = hasClassToken_ ? -1 : std::max(0, settings_.queryPatch);
  } else if (settings_.queryPatch < 0) {
    settings_.queryPatch = 0;
  }
  settings_.colormap = parseColormap(colormap_->currentText().toStdString());
  settings_.opacity = opacity_->value() / 100.0;
  settings_.massThreshold = mass_->value() / 100.0;
  settings_.discardRatio = discard_->value() / 100.0;
  const HeadReduce fusions[] = {HeadReduce::Mean, HeadReduce::Max, HeadReduce::Min};
  settings_.rolloutFusion = fusions[std::max(0, fusion_->currentIndex())];
  settings_.grid = grid_->isChecked();
  settings_.showOverlay = overlay_->isChecked();
  writeWidgets();  // labels and enabled states follow
  Q_EMIT settingsChanged();
}

void AttentionControls::writeWidgets() {
  const QSignalBlocker b1(method_), b2(layer_), b3(head_), b4(query_), b5(colormap_), b6(opacity_), b7(mass_),
      b8(discard_), b9(fusion_), b10(grid_), b11(overlay_);
  method_->setCurrentIndex(static_cast<int>(settings_.method));
  if (!class_->hasFocus()) {
    class_->setText(settings_.targetClass >= 0 && settings_.targetClass < classNames_.size()
                        ? classNames_[settings_.targetClass]
                        : QString());
  }
  layer_->setValue(settings_.layer < 0 ? layers_ - 1 : std::min(settings_.layer, layers_ - 1));
  switch (settings_.heads.reduce) {
    case HeadReduce::Mean:
      head_->setCurrentIndex(0);
      break;
    case HeadReduce::Max:
      head_->setCurrentIndex(1);
      break;
    case HeadReduce::Min:
      head_->setCurrentIndex(2);
      break;
    case HeadReduce::Single:
      head_->setCurrentIndex(kFirstHeadEntry + std::min(settings_.heads.head, heads_ - 1));
      break;
  }
  query_->setCurrentIndex(settings_.queryPatch >= 0 ? 1 : 0);
  queryPatch_->setText(settings_.queryPatch >= 0 ? tr("patch %1").arg(settings_.queryPatch) : QString());
  colormap_->setCurrentText(QString::fromStdString(colormapName(settings_.colormap)));
  opacity_->setValue(static_cast<int>(std::lround(settings_.opacity * 100)));
  opacityValue_->setText(QStringLiteral("%1 %").arg(opacity_->value()));
  mass_->setValue(static_cast<int>(std::lround(settings_.massThreshold * 100)));
  massValue_->setText(mass_->value() == 0 ? tr("off") : QStringLiteral("%1 %").arg(mass_->value()));
  discard_->setValue(static_cast<int>(std::lround(settings_.discardRatio * 100)));
  discardValue_->setText(QStringLiteral("%1 %").arg(discard_->value()));
  fusion_->setCurrentIndex(settings_.rolloutFusion == HeadReduce::Max   ? 1
                           : settings_.rolloutFusion == HeadReduce::Min ? 2
                                                                        : 0);
  grid_->setChecked(settings_.grid);
  overlay_->setChecked(settings_.showOverlay);
  updateEnabled();
}

void AttentionControls::updateEnabled() {
  const bool rollout = settings_.method == AttentionMethod::Rollout;
  const bool raw = settings_.method == AttentionMethod::Raw;
  // A whole form row at once: its label, the control and (for sliders) the value beside it, so a control that
  // does not apply looks it (a disabled QSlider alone is hard to tell from an enabled one).
  auto* form = qobject_cast<QFormLayout*>(layout());
  const auto setRowEnabled = [form](QWidget* control, bool enabled) {
    // The field is the control itself, or the row widget holding it with its value label.
    QWidget* field = form == nullptr || form->labelForField(control) != nullptr ? control : control->parentWidget();
    field->setEnabled(enabled);
    if (form != nullptr) {
      if (QWidget* label = form->labelForField(field)) label->setEnabled(enabled);
    }
  };
  setRowEnabled(layer_, raw || settings_.method == AttentionMethod::Tokens);
  setRowEnabled(head_, raw);
  setRowEnabled(query_, raw);
  setRowEnabled(class_, isClassSpecific(settings_.method));
  query_->setItemData(0, hasClassToken_ ? QVariant() : QVariant(0), Qt::UserRole - 1);  // no class token: disabled
  setRowEnabled(discard_, rollout || settings_.method == AttentionMethod::GradRollout);
  setRowEnabled(fusion_, rollout);
}

}  // namespace vitlens::ui

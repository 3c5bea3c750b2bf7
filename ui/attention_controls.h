#pragma once
// The panel that chooses what the overlay shows: method, layer, head, query, colours, outline and rollout options.
#include <QStringList>
#include <QWidget>

#include "ui/view_settings.h"

class QCheckBox;
class QComboBox;
class QCompleter;
class QLineEdit;
class QLabel;
class QSlider;
class QSpinBox;

namespace vitlens::ui {

class AttentionControls : public QWidget {
  Q_OBJECT

 public:
  explicit AttentionControls(QWidget* parent = nullptr);

  // Sizes the layer, head and query choices to a model; keeps the current choices where they still exist.
  void setModelShape(int layers, int heads, bool hasClassToken, int patches);
  ViewSettings settings() const { return settings_; }
  void setSettings(const ViewSettings& settings);
  // True when clicking the image should pick the query patch.
  bool patchQueryMode() const;
  void setQueryPatch(int patch);
  // The model's class names, for the class field's completion; a class beyond them goes back to the top one.
  void setClassNames(const QStringList& names);
  // The class the class-specific methods explain (-1: the top class); emits settingsChanged.
  void setTargetClass(int index);
  // The query's attention to the prefix tokens (class, distillation, registers), which the map leaves out.
  void setPrefixSummary(const QString& text);

  // Keyboard helpers (the window binds shortcuts to these).
  void stepLayer(int delta);
  void stepHead(int delta);
  void toggleMethod();
  void toggleGrid();

  QComboBox* methodBox() const { return method_; }
  QSpinBox* layerBox() const { return layer_; }
  QComboBox* headBox() const { return head_; }
  QComboBox* queryBox() const { return query_; }
  QComboBox* colormapBox() const { return colormap_; }
  QLineEdit* classField() const { return class_; }
  QSlider* opacitySlider() const { return opacity_; }
  QSlider* massSlider() const { return mass_; }
  QSlider* discardSlider() const { return discard_; }
  QCheckBox* gridBox() const { return grid_; }
  QCheckBox* overlayBox() const { return overlay_; }

 Q_SIGNALS:
  void settingsChanged();

 private:
  void readWidgets();   // widgets -> settings_, then emit
  void writeWidgets();  // settings_ -> widgets, without emitting
  void updateEnabled();
  void normalise();  // settings_ within the model's layers, heads and patches
  void readClassField();

  ViewSettings settings_;
  int layers_ = 1;
  int heads_ = 1;
  bool hasClassToken_ = true;
  int patches_ = 1;
  bool shapeKnown_ = false;  // false until the first model: its placeholder shape must not reset the layer
  QStringList classNames_;
  QComboBox* method_ = nullptr;
  QLineEdit* class_ = nullptr;
  QCompleter* classCompleter_ = nullptr;
  QSpinBox* layer_ = nullptr;
  QComboBox* head_ = nullptr;
  QComboBox* query_ = nullptr;
  QLabel* queryPatch_ = nullptr;
  QLabel* prefixSummary_ = nullptr;
  QComboBox* colormap_ = nullptr;
  QSlider* opacity_ = nullptr;
  QLabel* opacityValue_ = nullptr;
  QSlider* mass_ = nullptr;
  QLabel* massValue_ = nullptr;
  QSlider* discard_ = nullptr;
  QLabel* discardValue_ = nullptr;
  QComboBox* fusion_ = nullptr;
  QCheckBox* grid_ = nullptr;
  QCheckBox* overlay_ = nullptr;
};

}  // namespace vitlens::ui

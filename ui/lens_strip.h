#pragma once
// The logit lens as a strip: after each layer, the class the model would choose if it stopped there and its
// probability, so a class can watch where the model makes up its mind.
#include <QString>
#include <QVector>
#include <QWidget>

namespace vitlens::ui {

struct LensEntry {
  QString label;
  double probability = 0.0;
};

class LensStrip : public QWidget {
  Q_OBJECT

 public:
  explicit LensStrip(QWidget* parent = nullptr);
  void setLayers(const QVector<LensEntry>& layers);  // one per layer, first layer first
  void clear();
  const QVector<LensEntry>& layers() const { return layers_; }
  int layerCount() const { return static_cast<int>(layers_.size()); }
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  int rowHeight() const;
  QVector<LensEntry> layers_;
};

}  // namespace vitlens::ui

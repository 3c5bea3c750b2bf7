#pragma once
// Top-k classes as horizontal probability bars, with the device and the time the model took.
#include <QString>
#include <QVector>
#include <QWidget>

namespace vitlens::ui {

struct Prediction {
  QString label;
  double probability = 0.0;
};

class PredictionPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PredictionPanel(QWidget* parent = nullptr);

  void setPredictions(const QVector<Prediction>& predictions, const QString& device, double milliseconds);
  void setBusy(bool busy);
  // A warning drawn above the bars, in the warning colour (e.g. "untrained: random weights"); empty for none.
  void setWarning(const QString& warning);
  const QString& warning() const { return warning_; }
  void clear();
  const QVector<Prediction>& predictions() const { return predictions_; }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QVector<Prediction> predictions_;
  QString footer_;
  QString warning_;
  bool busy_ = false;
};

}  // namespace vitlens::ui

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
  void clear();
  const QVector<Prediction>& predictions() const { return predictions_; }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QVector<Prediction> predictions_;
  QString footer_;
  bool busy_ = false;
};

}  // namespace vitlens::ui

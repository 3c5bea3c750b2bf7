#pragma once
// The frame the tour draws around the part of the window a step talks about: a thick rounded outline on a
// transparent layer over the whole window, following the widget as docks move and the window resizes, and never
// taking a click.
#include <QList>
#include <QPointer>
#include <QRect>
#include <QWidget>

namespace vitlens::ui {

class TourHighlight : public QWidget {
  Q_OBJECT

 public:
  explicit TourHighlight(QWidget* window);

  // The widgets to outline (empty: none; the layer hides).
  void setTargets(const QList<QWidget*>& targets);
  // Where each visible target is outlined, in the window's coordinates (tests).
  QList<QRect> frames() const;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  void follow();

  QList<QPointer<QWidget>> targets_;
};

}  // namespace vitlens::ui

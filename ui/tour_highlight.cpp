#include "ui/tour_highlight.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

namespace vitlens::ui {
namespace {

constexpr int kPen = 5;  // thick enough to see from the back of a lecture hall

}  // namespace

TourHighlight::TourHighlight(QWidget* window) : QWidget(window) {
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setAttribute(Qt::WA_NoSystemBackground);
  setFocusPolicy(Qt::NoFocus);
  window->installEventFilter(this);
  hide();
}

void TourHighlight::setTargets(const QList<QWidget*>& targets) {
  for (const QPointer<QWidget>& old : targets_) {
    if (old) old->removeEventFilter(this);
  }
  targets_.clear();
  for (QWidget* target : targets) {
    if (target == nullptr) continue;
    targets_.append(target);
    target->installEventFilter(this);  // moves, resizes, shows and hides of the target redraw the frame
  }
  follow();
}

QList<QRect> TourHighlight::frames() const {
  QList<QRect> rects;
  QWidget* window = parentWidget();
  if (window == nullptr) return rects;
  for (const QPointer<QWidget>& pointer : targets_) {
    const QWidget* target = pointer.data();
    if (target == nullptr || !target->isVisible() || !window->isAncestorOf(target)) continue;
    // The part on screen: clipped by every widget it sits in, so a table scrolled half out of its dock is outlined
    // where it shows, not over the status bar.
    QRect shown(target->mapTo(window, QPoint(0, 0)), target->size());
    for (const QWidget* outer = target->parentWidget(); outer != nullptr && outer != window;
         outer = outer->parentWidget()) {
      shown &= QRect(outer->mapTo(window, QPoint(0, 0)), outer->size());
    }
    if (shown.isEmpty()) continue;
    rects.append(shown.adjusted(-kPen / 2, -kPen / 2, kPen / 2, kPen / 2));
  }
  return rects;
}

void TourHighlight::follow() {
  if (parentWidget() == nullptr) return;
  setGeometry(parentWidget()->rect());
  setVisible(!frames().isEmpty());
  raise();
  update();
}

bool TourHighlight::eventFilter(QObject* watched, QEvent* event) {
  switch (event->type()) {
    case QEvent::Move:
    case QEvent::Resize:
    case QEvent::Show:
    case QEvent::Hide:
    case QEvent::LayoutRequest:
      if (watched == parentWidget() || !targets_.isEmpty()) follow();
      break;
    default:
      break;
  }
  return QWidget::eventFilter(watched, event);
}

void TourHighlight::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  for (const QRect& frame : frames()) {
    // A dark outline under the orange one keeps the frame visible on light and dark images and themes.
    painter.setPen(QPen(QColor(0, 0, 0, 150), kPen + 4));
    painter.drawRoundedRect(QRectF(frame).adjusted(2, 2, -2, -2), 8, 8);
    painter.setPen(QPen(QColor(255, 140, 0), kPen));
    painter.drawRoundedRect(QRectF(frame).adjusted(2, 2, -2, -2), 8, 8);
  }
}

}  // namespace vitlens::ui

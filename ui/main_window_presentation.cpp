// MainWindow, presentation mode (View › Presentation): what a lecturer needs at a projector. Full screen, every
// text larger (the application font, which the custom-drawn views and the chart follow), only the image, the
// prediction, the heads and the tour on screen, a larger caption on the image, and a presenter's clicker (Page Up /
// Page Down) stepping the tour instead of the layers.
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QScreen>

#include "ui/heads_grid.h"
#include "ui/image_view.h"
#include "ui/main_window.h"
#include "ui/tour_panel.h"
#include "ui/window_actions.h"

namespace vitlens::ui {
namespace {

// Docks a lecture does not need on screen; the tour's steps bring back the one they talk about.
const QStringList& secondaryDocks() {
  static const QStringList names = {QStringLiteral("attention"), QStringLiteral("anatomy"),
                                    QStringLiteral("faithfulness"), QStringLiteral("evaluation")};
  return names;
}

}  // namespace

void MainWindow::setPresentationMode(bool on, double scale) {
  if (scale > 0.0) presentationScale_ = std::clamp(scale, 1.0, 2.5);
  if (on == presentation_) {
    if (on) applyPresentationScale();
    return;
  }
  presentation_ = on;
  if (on) {
    normalFont_ = QApplication::font();
    normalState_ = saveState();
    wasFullScreen_ = isFullScreen();
    for (const QString& name : secondaryDocks()) {
      if (auto* dock = findChild<QDockWidget*>(name)) dock->hide();
    }
    applyPresentationScale();
    showFullScreen();
    // Without a window manager (a bare X server, a kiosk) nothing resizes a full-screen window: do it here.
    if (screen() != nullptr && size() != screen()->geometry().size()) {
      setGeometry(screen()->geometry());
      setWindowState(windowState() | Qt::WindowFullScreen);
    }
    // The larger text needs room: a quarter of the screen for the prediction and the tour, a third for the heads.
    auto* heads = findChild<QDockWidget*>(QStringLiteral("heads"));
    auto* prediction = findChild<QDockWidget*>(QStringLiteral("prediction"));
    if (heads != nullptr && prediction != nullptr) {
      resizeDocks({prediction, heads}, {width() / 4, width() / 3}, Qt::Horizontal);
      // The tour under the prediction gets most of the column.
      if (auto* teach = findChild<QDockWidget*>(QStringLiteral("teach")); teach != nullptr && teach->isVisible()) {
        const int top = height() * 9 / 20;
        resizeDocks({prediction, teach}, {top, height() - top}, Qt::Vertical);
      }
    }
    // The clicker's keys step the tour, not the layers (both would be ambiguous and neither would fire).
    actions_->nextLayer->setShortcut(QKeySequence());
    actions_->previousLayer->setShortcut(QKeySequence());
    actions_->tourNext->setShortcuts({QKeySequence(Qt::Key_PageDown), QKeySequence(tr("Alt+Right"))});
    actions_->tourBack->setShortcuts({QKeySequence(Qt::Key_PageUp), QKeySequence(tr("Alt+Left"))});
  } else {
    QApplication::setFont(normalFont_);
    imageView_->setLegendScale(1.0);
    restoreState(normalState_);
    if (!wasFullScreen_) showNormal();
    actions_->nextLayer->setShortcut(QKeySequence(Qt::Key_PageDown));
    actions_->previousLayer->setShortcut(QKeySequence(Qt::Key_PageUp));
    actions_->tourNext->setShortcuts({QKeySequence(tr("Alt+Right"))});
    actions_->tourBack->setShortcuts({QKeySequence(tr("Alt+Left"))});
  }
  actions_->presentation->setChecked(on);
  actions_->fullScreen->setChecked(isFullScreen());
  redraw();  // the caption's wording follows the mode
}

void MainWindow::applyPresentationScale() {
  QFont font = normalFont_;
  font.setPointSizeF(normalFont_.pointSizeF() * presentationScale_);
  QApplication::setFont(font);
  // The caption and colour bar are the slide's title: larger again than the rest.
  imageView_->setLegendScale(1.25);
}

}  // namespace vitlens::ui

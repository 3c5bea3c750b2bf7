// MainWindow, live input: a video file or the camera through the same worker and views as a photo. One frame is
// in flight at a time; the source's mailbox keeps only the newest of the others (ui/live_input.h), so the window
// shows the model's real rate and never a growing backlog. Paused, the frame shown stays for every other view.
#include <QLabel>
#include <QStatusBar>
#include <QTimer>

#include "ui/filmstrip.h"

#include "ui/main_window.h"
#include "ui/window_actions.h"

namespace vitlens::ui {

void MainWindow::buildLiveInput() {
  liveLabel_ = new QLabel;
  liveLabel_->setObjectName(QStringLiteral("liveLabel"));
  liveLabel_->setTextFormat(Qt::PlainText);  // the video's file name
  liveLabel_->hide();
  statusBar()->addPermanentWidget(liveLabel_);
  live_ = new LiveInput(this);
  connect(live_, &LiveInput::frameAvailable, this, &MainWindow::takeLiveFrame);
  connect(live_, &LiveInput::statsChanged, this, &MainWindow::showLiveStats);
  connect(live_, &LiveInput::finished, this, [this](const QString& message) {
    liveLabel_->setText(message);
    statusBar()->showMessage(message, 8000);
    if (session_->result()) session_->runExperiment(change_);  // the last frame, fully explored
    updateActions();
  });
}

QString MainWindow::openVideo(const QString& path, double rate) {
  const QString error = live_->openVideo(path, rate);
  liveStarted(error.isEmpty() ? error : tr("Could not open the video: %1").arg(error));
  return error;
}

QString MainWindow::openCamera() {
  const QString error = live_->openCamera();
  liveStarted(error);
  return error;
}

void MainWindow::liveStarted(const QString& error) {
  if (!error.isEmpty()) {
    showError(error);
    return;
  }
  liveBusy_ = false;
  liveAwaitingMap_ = false;
  liveLabel_->setText(tr("Live: %1").arg(live_->sourceName()));
  liveLabel_->show();
  updateActions();
}

void MainWindow::setLivePaused(bool paused) {
  if (!live_->running()) return;
  live_->setPaused(paused);
  actions_->pauseLive->setChecked(paused);
  if (paused) {
    liveLabel_->setText(
        tr("Paused: %1, frame %2").arg(live_->sourceName(), imageName().section(QStringLiteral(" · frame "), 1)));
    // Live frames skip the logit lens to keep up; the frozen one gets it for the other views.
    if (session_->result()) session_->runExperiment(change_);
  } else {
    showLiveStats(live_->stats());
    takeLiveFrame();
  }
}

void MainWindow::stopLive() {
  live_->stop();
  liveBusy_ = false;
  liveAwaitingMap_ = false;
  liveLabel_->hide();
  actions_->pauseLive->setChecked(false);
  updateActions();
}

bool MainWindow::isLiveResult(const QString& imageName) const { return liveBusy_ && imageName == liveInFlight_.name; }

void MainWindow::takeLiveFrame() {
  if (liveBusy_ || live_->paused() || !session_->model()) return;
  LiveFrame frame = live_->takeFrame();
  if (frame.rgb.empty()) return;
  liveBusy_ = true;
  liveAwaitingMap_ = false;
  const cv::Mat rgb = frame.rgb;
  frame.rgb = cv::Mat();
  liveInFlight_ = frame;
  filmstrip_->setCurrentPath(QString());
  session_->openImageData(rgb, frame.name);
}

void MainWindow::pauseLiveForImage() {
  // A photo opened while a video plays: the video pauses (the photo would be replaced by the next frame at once),
  // and the frame in flight, which the photo supersedes, no longer holds the next one back.
  if (!live_->running()) return;
  liveBusy_ = false;
  liveAwaitingMap_ = false;
  if (!live_->paused()) setLivePaused(true);
}

void MainWindow::liveFrameShown(bool drawn) {
  if (!liveBusy_) return;
  liveBusy_ = false;
  liveAwaitingMap_ = false;
  if (drawn) live_->frameShown(liveInFlight_);
  // The next frame after this one's events have run: the map and the tiles of this one are on screen first.
  QTimer::singleShot(0, this, &MainWindow::takeLiveFrame);
}

void MainWindow::showLiveStats(const LiveStats& stats) {
  if (live_->paused() || !live_->running()) return;  // the label says paused or ended
  liveLabel_->setText(tr("Live: %1 · %2 fps · %3 ms · %4 dropped")
                          .arg(live_->sourceName())
                          .arg(stats.framesPerSecond, 0, 'f', 1)
                          .arg(stats.latencyMs, 0, 'f', 0)
                          .arg(stats.framesDropped));
  liveLabel_->setToolTip(tr("Frames shown per second, the time from a frame's capture to its overlay on screen, and "
                            "the frames skipped because the model was still busy with an earlier one (they are "
                            "dropped, never queued). %1 frames read, %2 shown.")
                             .arg(stats.framesRead)
                             .arg(stats.framesShown));
}

}  // namespace vitlens::ui

#include "ui/live_input.h"

#include <QCamera>
#include <QFileInfo>
#include <QImage>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QMutexLocker>
#include <QVideoFrame>
#include <QVideoSink>

#include <chrono>
#include <exception>

#include "engine/error_text.h"
#include "imaging/video_reader.h"

namespace vitlens::ui {
namespace {

constexpr qint64 kRateWindowMs = 2000;  // the frame rate shown is over the last two seconds

}  // namespace

LiveInput::LiveInput(QObject* parent) : QObject(parent) {
  qRegisterMetaType<LiveStats>();
  clock_.start();
}

LiveInput::~LiveInput() { stop(); }

QString LiveInput::openVideo(const QString& path, double rate) {
  std::shared_ptr<VideoReader> reader;
  try {
    reader = std::make_shared<VideoReader>(path.toStdString());
  } catch (const std::exception& e) {
    return QString::fromStdString(errorMessage(e));
  }
  stop();
  resetCounts();
  sourceName_ = QFileInfo(path).fileName();
  running_ = true;
  paused_ = false;
  const double fps = rate > 0.0 ? rate : reader->framesPerSecond();
  reader_ = std::thread([this, reader, fps] { playVideo(reader, fps); });
  return {};
}

void LiveInput::playVideo(std::shared_ptr<VideoReader> reader, double fps) {
  using Clock = std::chrono::steady_clock;
  const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / fps));
  auto next = Clock::now();
  bool ended = false;
  while (!stopRequested_) {
    if (paused_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      next = Clock::now();
      continue;
    }
    cv::Mat frame = reader->read();
    if (frame.empty()) {
      ended = true;
      break;
    }
    offer(std::move(frame));
    // Real time, like a player: frames the model cannot keep up with are dropped at the mailbox, not slowed down.
    next += period;
    while (!stopRequested_ && Clock::now() < next) {
      std::this_thread::sleep_for(std::min<Clock::duration>(next - Clock::now(), std::chrono::milliseconds(20)));
    }
  }
  if (ended) {
    const qint64 frames = reader->framesRead();
    QMetaObject::invokeMethod(
        this,
        [this, frames] {
          running_ = false;
          Q_EMIT finished(tr("%1 ended after %2 frames.").arg(sourceName_).arg(frames));
        },
        Qt::QueuedConnection);
  }
}

void LiveInput::offer(cv::Mat rgb) {
  {
    QMutexLocker lock(&mutex_);
    if (hasWaiting_) ++stats_.framesDropped;  // the window had not taken it yet: the newer one wins
    waiting_.rgb = std::move(rgb);
    waiting_.index = nextIndex_++;
    waiting_.name = QStringLiteral("%1 · frame %2").arg(sourceName_).arg(waiting_.index);
    waiting_.capturedMs = clock_.elapsed();
    hasWaiting_ = true;
    ++stats_.framesRead;
    stats_.maxWaiting = std::max(stats_.maxWaiting, 1);
  }
  if (!notified_.exchange(true)) {
    QMetaObject::invokeMethod(
        this,
        [this] {
          notified_ = false;
          Q_EMIT frameAvailable();
        },
        Qt::QueuedConnection);
  }
}

void LiveInput::resetCounts() {
  QMutexLocker lock(&mutex_);
  stats_ = {};
  shownAt_.clear();
  hasWaiting_ = false;
  nextIndex_ = 0;
}

LiveFrame LiveInput::takeFrame() {
  QMutexLocker lock(&mutex_);
  if (!hasWaiting_) return {};
  hasWaiting_ = false;
  return std::move(waiting_);
}

void LiveInput::frameShown(const LiveFrame& frame) {
  LiveStats stats;
  {
    QMutexLocker lock(&mutex_);
    const qint64 now = clock_.elapsed();
    ++stats_.framesShown;
    stats_.latencyMs = static_cast<double>(now - frame.capturedMs);
    shownAt_.append(now);
    while (shownAt_.size() > 1 && now - shownAt_.front() > kRateWindowMs) shownAt_.removeFirst();
    stats_.framesPerSecond = shownAt_.size() > 1 && now > shownAt_.front()
                                 ? 1000.0 * (shownAt_.size() - 1) / static_cast<double>(now - shownAt_.front())
                                 : 0.0;
    stats = stats_;
  }
  Q_EMIT statsChanged(stats);
}

LiveStats LiveInput::stats() const {
  QMutexLocker lock(&mutex_);
  return stats_;
}

void LiveInput::setPaused(bool paused) {
  paused_ = paused;
  if (camera_ != nullptr) paused ? camera_->stop() : camera_->start();
  if (paused) {
    QMutexLocker lock(&mutex_);
    hasWaiting_ = false;  // the frame on screen is the one to explore, not one captured after it
  }
}

void LiveInput::stop() {
  stopRequested_ = true;
  if (reader_.joinable()) reader_.join();
  stopRequested_ = false;
  if (camera_ != nullptr) {
    camera_->stop();
    delete capture_;
    delete sink_;
    delete camera_;
    camera_ = nullptr;
    capture_ = nullptr;
    sink_ = nullptr;
  }
  running_ = false;
  QMutexLocker lock(&mutex_);
  hasWaiting_ = false;
}

bool LiveInput::cameraAvailable() { return !QMediaDevices::videoInputs().isEmpty(); }

QString LiveInput::openCamera() {
  if (!cameraAvailable()) return tr("No camera found on this computer.");
  stop();
  resetCounts();
  camera_ = new QCamera(QMediaDevices::defaultVideoInput());
  capture_ = new QMediaCaptureSession;
  sink_ = new QVideoSink;
  capture_->setCamera(camera_);
  capture_->setVideoSink(sink_);
  connect(sink_, &QVideoSink::videoFrameChanged, this, &LiveInput::onCameraFrame);
  connect(camera_, &QCamera::errorOccurred, this, [this](QCamera::Error, const QString& message) {
    running_ = false;
    Q_EMIT finished(tr("The camera stopped: %1").arg(message));
  });
  sourceName_ = tr("Camera");
  running_ = true;
  paused_ = false;
  camera_->start();
  return {};
}

void LiveInput::onCameraFrame(const QVideoFrame& frame) {
  if (paused_ || !frame.isValid()) return;
  const QImage image = frame.toImage().convertToFormat(QImage::Format_RGB888);
  if (image.isNull()) return;
  const cv::Mat view(image.height(), image.width(), CV_8UC3, const_cast<uchar*>(image.constBits()),
                     static_cast<size_t>(image.bytesPerLine()));
  offer(view.clone());
}

}  // namespace vitlens::ui

#pragma once
// Live input (File › Open Video, File › Camera): frames from a video file or a camera, handed to the window one at a
// time. The source keeps only its newest frame: one that arrives while the previous is still being classified
// replaces it and counts as dropped, so a slow model shows fewer frames but never falls behind (no growing queue).
#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>
#include <opencv2/core/mat.hpp>
#include <thread>

class QCamera;
class QMediaCaptureSession;
class QVideoFrame;
class QVideoSink;

namespace vitlens {
class VideoReader;
}

namespace vitlens::ui {

struct LiveFrame {
  cv::Mat rgb;            // CV_8UC3
  QString name;           // "clip.avi · frame 12", "Camera · frame 3"
  qint64 index = 0;       // 0-based frame number in the source
  qint64 capturedMs = 0;  // when the source produced it, on LiveInput's clock (latency = shown - captured)
};

struct LiveStats {
  qint64 framesRead = 0;         // produced by the source
  qint64 framesShown = 0;        // classified and shown
  qint64 framesDropped = 0;      // replaced by a newer one before the window took them
  double framesPerSecond = 0.0;  // shown per second, over the last couple of seconds
  double latencyMs = 0.0;        // capture to shown, of the last frame shown
  int maxWaiting = 0;            // most frames ever held at once (the mailbox): never above 1
};

class LiveInput : public QObject {
  Q_OBJECT

 public:
  explicit LiveInput(QObject* parent = nullptr);
  ~LiveInput() override;

  // Plays a video file at its own frame rate (rate > 0: that many frames per second instead). Returns an empty
  // string, or a one-line reason (not a video, a FIFO, frames too large) and nothing changes.
  QString openVideo(const QString& path, double rate = 0.0);
  // The system's default camera (Qt Multimedia); a reason when there is none or it cannot start.
  QString openCamera();
  static bool cameraAvailable();
  void stop();
  // Paused: the source waits (a video keeps its place), the frame shown stays for exploration.
  void setPaused(bool paused);
  bool paused() const { return paused_; }
  bool running() const { return running_; }
  QString sourceName() const { return sourceName_; }

  // The window takes the newest frame when it can classify one (empty when none is waiting) and reports when it
  // has shown it, so the rate and latency are what the user sees.
  LiveFrame takeFrame();
  void frameShown(const LiveFrame& frame);
  LiveStats stats() const;
  bool owns(const QString& imageName) const {
    return running_ && imageName.startsWith(sourceName_ + QStringLiteral(" · "));
  }

 Q_SIGNALS:
  void frameAvailable();  // a frame is waiting (emitted once per wait, not per frame)
  void statsChanged(const vitlens::ui::LiveStats& stats);
  void finished(const QString& message);  // the video ended or the source failed; message says which

 private:
  void resetCounts();       // a new source: no frames, no figures (stop() has joined the reader)
  void offer(cv::Mat rgb);  // any thread: the newest frame replaces a waiting one
  void playVideo(std::shared_ptr<VideoReader> reader, double fps);  // on reader_
  void onCameraFrame(const QVideoFrame& frame);

  mutable QMutex mutex_;
  LiveFrame waiting_;  // the mailbox: at most one frame
  bool hasWaiting_ = false;
  LiveStats stats_;
  QVector<qint64> shownAt_;  // recent shown times, for the rate
  std::atomic<bool> notified_{false};
  std::atomic<bool> stopRequested_{false};
  std::atomic<bool> paused_{false};
  std::atomic<qint64> nextIndex_{0};
  bool running_ = false;
  QString sourceName_;
  QElapsedTimer clock_;
  std::thread reader_;
  QCamera* camera_ = nullptr;
  QMediaCaptureSession* capture_ = nullptr;
  QVideoSink* sink_ = nullptr;
};

}  // namespace vitlens::ui

Q_DECLARE_METATYPE(vitlens::ui::LiveStats)

// Live input (File › Open Video; the camera takes the same path): a video generated here plays through the worker
// with frames dropped, never queued; pause freezes the frame, stop is clean; hostile paths are refused with a reason.
#include <QAction>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <sys/stat.h>

#include <memory>

#include "gui_test_support.h"
#include "imaging/video_reader.h"
#include "ui/live_input.h"
#include "ui/main_window.h"

using vitlens::ui::LiveInput;
using vitlens::ui::MainWindow;

namespace {

// A clip of `frames` 160 x 120 frames: a red square moving over a blue-grey background, MJPEG in AVI (OpenCV writes
// that without any codec library).
QString writeClip(const QString& path, int frames, double fps) {
  cv::VideoWriter writer(path.toStdString(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps, cv::Size(160, 120));
  if (!writer.isOpened()) return {};
  for (int i = 0; i < frames; ++i) {
    cv::Mat bgr(120, 160, CV_8UC3, cv::Scalar(150, 120, 100));
    cv::rectangle(bgr, cv::Rect((i * 3) % 120, 30, 40, 40), cv::Scalar(0, 0, 255), cv::FILLED);  // BGR red
    writer.write(bgr);
  }
  return path;
}

}  // namespace

class TestLiveInput : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void readerGivesRgbFramesOfTheFile();
  void playsThroughTheWorkerDroppingFramesNotQueueing();
  void pauseFreezesTheFrameAndStopIsClean();
  void aPhotoOpenedDuringPlaybackPausesIt();
  void hostilePathsAreRefused_data();
  void hostilePathsAreRefused();
  void cameraWithoutOneSaysSo();

 private:
  QTemporaryDir dir_;
  QString modelPath_;
  QString fastClip_;
  QString longClip_;
  std::unique_ptr<MainWindow> window_;
};

void TestLiveInput::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_live_input"));
  QSettings().clear();
  QVERIFY(dir_.isValid());
  modelPath_ = testModelPath(dir_);
  // 60 frames declared at 200 fps: faster than any CPU runs the model and its overlay, so frames must be dropped.
  fastClip_ = writeClip(dir_.filePath(QStringLiteral("fast.avi")), 60, 200.0);
  longClip_ = writeClip(dir_.filePath(QStringLiteral("long.avi")), 600, 30.0);
  QVERIFY2(!fastClip_.isEmpty() && !longClip_.isEmpty(), "OpenCV could not write an MJPEG AVI");
}

void TestLiveInput::init() {
  window_ = std::make_unique<MainWindow>(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window_->resize(1280, 800);
  window_->show();
  window_->waitForIdle();
  QVERIFY(window_->hasModel());
}

void TestLiveInput::cleanup() { window_.reset(); }

void TestLiveInput::readerGivesRgbFramesOfTheFile() {
  vitlens::VideoReader reader(fastClip_.toStdString());
  QCOMPARE(reader.frameSize(), cv::Size(160, 120));
  QCOMPARE(reader.framesPerSecond(), 200.0);
  int frames = 0;
  for (cv::Mat frame = reader.read(); !frame.empty(); frame = reader.read()) {
    QCOMPARE(frame.type(), CV_8UC3);
    if (frames == 0) {
      const cv::Vec3b square = frame.at<cv::Vec3b>(50, 20);  // inside the red square of frame 0
      QVERIFY2(square[0] > 200 && square[1] < 60 && square[2] < 60, "not RGB order");
    }
    ++frames;
  }
  QCOMPARE(frames, 60);
  QCOMPARE(reader.framesRead(), 60);
}

void TestLiveInput::playsThroughTheWorkerDroppingFramesNotQueueing() {
  LiveInput* live = window_->liveInput();
  QSignalSpy finished(live, &LiveInput::finished);
  QCOMPARE(window_->openVideo(fastClip_), QString());
  QVERIFY(live->running());
  QVERIFY(finished.wait(60000));
  window_->waitForIdle();
  QTest::qWait(200);  // the last frame's map
  window_->waitForIdle();
  const vitlens::ui::LiveStats stats = live->stats();
  QCOMPARE(stats.framesRead, 60);
  QVERIFY2(stats.framesShown >= 2, qPrintable(QString::number(stats.framesShown)));
  QVERIFY2(stats.framesDropped >= 1, qPrintable(QString::number(stats.framesDropped)));
  // Every frame read was shown, dropped, or is the one still waiting or in flight at the end: nothing queued up.
  QVERIFY(stats.framesShown + stats.framesDropped <= stats.framesRead);
  QVERIFY(stats.framesRead - (stats.framesShown + stats.framesDropped) <= 2);
  QCOMPARE(stats.maxWaiting, 1);
  QVERIFY2(window_->imageName().startsWith(QStringLiteral("fast.avi · frame ")), qPrintable(window_->imageName()));
  QVERIFY(window_->lastError().isEmpty());
  QVERIFY(!window_->currentMap().empty());  // the overlay of the current view, on the video's frame
  auto* label = window_->findChild<QLabel*>(QStringLiteral("liveLabel"));
  QVERIFY(label != nullptr && label->isVisible());
  QVERIFY2(label->text().contains(QLatin1String("ended after 60 frames")), qPrintable(label->text()));
  qInfo("fast clip: %lld read, %lld shown, %lld dropped, %.1f fps shown, last latency %.0f ms",
        static_cast<long long>(stats.framesRead), static_cast<long long>(stats.framesShown),
        static_cast<long long>(stats.framesDropped), stats.framesPerSecond, stats.latencyMs);
}

void TestLiveInput::pauseFreezesTheFrameAndStopIsClean() {
  LiveInput* live = window_->liveInput();
  QSignalSpy stats(live, &LiveInput::statsChanged);
  QCOMPARE(window_->openVideo(longClip_), QString());
  QVERIFY(stats.wait(20000));  // a first frame is on screen
  QAction* pause = window_->findChild<QAction*>(QStringLiteral("pauseLiveAction"));
  QVERIFY(pause != nullptr && pause->isEnabled());
  pause->trigger();
  QVERIFY(live->paused());
  window_->waitForIdle();
  QTest::qWait(100);
  window_->waitForIdle();
  const QString frozen = window_->imageName();
  const qint64 read = live->stats().framesRead;
  QTest::qWait(500);
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), frozen);         // the frame stays for exploration
  QVERIFY(live->stats().framesRead <= read + 1);  // the source waits (one frame may have been mid-read)
  pause->trigger();                               // resume
  QVERIFY(!live->paused());
  QTRY_VERIFY_WITH_TIMEOUT(window_->imageName() != frozen, 20000);

  window_->stopLive();
  QVERIFY(!live->running());
  window_->waitForIdle();
  const QString last = window_->imageName();
  const qint64 readAtStop = live->stats().framesRead;
  QTest::qWait(400);
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), last);  // nothing arrives after a stop
  QCOMPARE(live->stats().framesRead, readAtStop);
  QVERIFY(readAtStop < 600);
}

void TestLiveInput::aPhotoOpenedDuringPlaybackPausesIt() {
  LiveInput* live = window_->liveInput();
  QSignalSpy stats(live, &LiveInput::statsChanged);
  QCOMPARE(window_->openVideo(longClip_), QString());
  QVERIFY(stats.wait(20000));
  window_->openImage(samplePath("coffee.jpg"));  // while a frame may be in flight
  QVERIFY(live->paused());
  window_->waitForIdle();
  QTest::qWait(300);
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("coffee.jpg"));  // not replaced by the next frame
  // Resumed, the video takes over again: the photo's superseded frame holds nothing back.
  window_->setLivePaused(false);
  QTRY_VERIFY_WITH_TIMEOUT(window_->imageName().startsWith(QStringLiteral("long.avi · frame ")), 20000);
  window_->stopLive();
}

void TestLiveInput::hostilePathsAreRefused_data() {
  QTest::addColumn<QString>("kind");
  QTest::addColumn<QString>("expected");
  QTest::newRow("missing") << "missing"
                           << "";
  QTest::newRow("text file named .avi") << "text"
                                        << "not a video";
  QTest::newRow("FIFO") << "fifo"
                        << "FIFO";
  QTest::newRow("device") << "device"
                          << "device";
  QTest::newRow("folder") << "folder"
                          << "";
}

void TestLiveInput::hostilePathsAreRefused() {
  QFETCH(QString, kind);
  QFETCH(QString, expected);
  QString path = dir_.filePath(QStringLiteral("hostile-") + kind + QStringLiteral(".avi"));
  if (kind == QLatin1String("text")) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a video at all\n");
  } else if (kind == QLatin1String("fifo")) {
    QVERIFY(::mkfifo(path.toLocal8Bit().constData(), 0600) == 0 || errno == EEXIST);
  } else if (kind == QLatin1String("device")) {
    path = QStringLiteral("/dev/zero");
  } else if (kind == QLatin1String("folder")) {
    path = dir_.path();
  }
  QElapsedTimer timer;
  timer.start();
  const QString error = window_->openVideo(path);
  QVERIFY2(timer.elapsed() < 5000, "refusing must not block");
  QVERIFY(!error.isEmpty());
  QVERIFY2(error.contains(expected, Qt::CaseInsensitive), qPrintable(error));
  QVERIFY(!error.contains(QLatin1Char('\n')));
  QVERIFY(!window_->liveInput()->running());
  QVERIFY(window_->lastError().contains(error));
  // The window goes on: a photo still opens and is classified.
  window_->openImage(samplePath("rocket.jpg"));
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("rocket.jpg"));
}

void TestLiveInput::cameraWithoutOneSaysSo() {
  if (LiveInput::cameraAvailable()) QSKIP("this machine has a camera");
  const QString error = window_->openCamera();
  QVERIFY2(error.contains(QLatin1String("No camera")), qPrintable(error));
  QVERIFY(!window_->liveInput()->running());
}

QTEST_MAIN(TestLiveInput)
#include "tst_live_input.moc"

// The window under a long random sequence of user actions (good and bad files, every control, clicks, resizes,
// exports, model switches), and a thousand images through the worker path without memory growth.
#include <QComboBox>
#include <QFile>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <opencv2/core.hpp>

#include <random>

#include "imaging/image_decode.h"
#include "ui/attention_controls.h"
#include "ui/filmstrip.h"
#include "ui/heads_grid.h"
#include "ui/image_view.h"
#include "ui/main_window.h"

#include <QtTest>

#include "gui_test_support.h"
#include "process_memory.h"

using vitlens::ui::MainWindow;

class TestGuiRobustness : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void randomActions();
  void noMemoryGrowthOverAThousandImages();

 private:
  QTemporaryDir dir_;
  QString modelPath_;
  QString otherModel_;
  QStringList goodImages_;
  QStringList badImages_;
};

void TestGuiRobustness::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_gui_robustness"));
  modelPath_ = testModelPath(dir_);
  vitlens::ModelMeta meta;
  meta.config = vitlens::VitConfig::preset("cifar-seed");
  meta.config.depth = 2;
  meta.config.numHeads = 2;
  meta.config.classToken = false;
  meta.config.pooling = vitlens::Pooling::Avg;
  meta.name = "avg-pooled";
  otherModel_ = dir_.filePath(QStringLiteral("avg.safetensors"));
  vitlens::writeUntrainedModel(otherModel_.toStdString(), meta, 9, "float32");
  for (const char* name : {"astronaut.jpg", "camera.jpg", "chelsea.jpg", "coffee.jpg", "rocket.jpg"}) {
    goodImages_.append(samplePath(name));
  }
  QFile sample(samplePath("coffee.jpg"));
  QVERIFY(sample.open(QIODevice::ReadOnly));
  const QByteArray jpeg = sample.readAll();
  const std::vector<std::pair<QString, QByteArray>> bad = {
      {"truncated.jpg", jpeg.left(jpeg.size() / 2)}, {"text.png", "not an image"}, {"empty.jpg", {}}};
  for (const auto& [name, bytes] : bad) {
    QFile file(dir_.filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    badImages_.append(file.fileName());
  }
  badImages_.append(dir_.filePath(QStringLiteral("missing.jpg")));
}

void TestGuiRobustness::randomActions() {
  MainWindow window(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window.show();
  window.waitForIdle();
  std::mt19937 random(7);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  vitlens::ui::AttentionControls* controls = window.controls();
  qint64 slowestMs = 0;
  QString slowestAction;
  int exports = 0;
  for (int step = 0; step < 400; ++step) {
    const int action = pick(16);
    QElapsedTimer timer;
    timer.start();
    switch (action) {
      case 0:
        window.openImage(goodImages_[pick(static_cast<int>(goodImages_.size()))]);
        break;
      case 1:
        window.openImage(badImages_[pick(static_cast<int>(badImages_.size()))]);
        break;
      case 2:
        controls->layerBox()->setValue(pick(controls->layerBox()->maximum() + 1));
        break;
      case 3:
        controls->headBox()->setCurrentIndex(pick(controls->headBox()->count()));
        break;
      case 4:
        controls->methodBox()->setCurrentIndex(pick(2));
        break;
      case 5:
        controls->queryBox()->setCurrentIndex(pick(2));
        break;
      case 6:
        controls->colormapBox()->setCurrentIndex(pick(controls->colormapBox()->count()));
        break;
      case 7:
        controls->massSlider()->setValue(pick(101));
        break;
      case 8:
        controls->discardSlider()->setValue(pick(100));
        break;
      case 9: {
        vitlens::ui::ImageView* view = window.imageView();
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, QPoint(pick(view->width()), pick(view->height())));
        break;
      }
      case 10: {
        vitlens::ui::HeadsGrid* grid = window.headsGrid();
        if (grid->tileCount() > 0) {
          QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier,
                            grid->tileCenter(pick(grid->layers()), pick(grid->heads())));
        }
        break;
      }
      case 11:
        window.resize(400 + pick(1200), 300 + pick(800));
        break;
      case 12: {
        const QString base = dir_.filePath(QStringLiteral("export-%1").arg(pick(3)));
        window.exportOverlay(base + QStringLiteral(".png"), true);
        window.exportHeadsGrid(base + QStringLiteral("-heads.png"), true);
        window.exportMapNpy(base + QStringLiteral(".npy"), true);
        ++exports;
        break;
      }
      case 13: {
        const int zoom = pick(3);
        if (zoom == 0) window.imageView()->zoomIn();
        if (zoom == 1) window.imageView()->zoomOut();
        if (zoom == 2) window.imageView()->zoomToFit();
        break;
      }
      case 14:
        if (pick(8) == 0) window.openModel(pick(2) ? otherModel_ : modelPath_);
        break;
      case 15:
        window.waitForIdle();
        break;
    }
    QCoreApplication::processEvents();
    if (action != 15 && timer.elapsed() > slowestMs) {
      slowestMs = timer.elapsed();
      slowestAction = QString::number(action);
    }
  }
  window.waitForIdle();
  QVERIFY(window.hasModel());
  QVERIFY(exports > 0);
  // Whatever happened, what is shown is consistent: the overlay has the image's size and the grid the model's.
  if (const auto* result = window.result()) {
    QCOMPARE(window.renderedImage().size(), result->rgb.size());
    QCOMPARE(window.headsGrid()->tileCount(), window.headsGrid()->layers() * window.headsGrid()->heads());
  }
  // Responsive: no action blocked the GUI thread for long (the model runs on the worker thread).
  QVERIFY2(slowestMs < 1000, qPrintable(QStringLiteral("action %1 took %2 ms").arg(slowestAction).arg(slowestMs)));
}

void TestGuiRobustness::noMemoryGrowthOverAThousandImages() {
  MainWindow window(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window.show();
  std::vector<cv::Mat> images;
  for (const QString& path : goodImages_) images.push_back(vitlens::decodeImageFile(path.toStdString()));
  int64_t after50 = 0;
  int64_t after500 = 0;
  for (int i = 0; i < 1000; ++i) {
    window.openImageData(images[static_cast<size_t>(i) % images.size()], QStringLiteral("image %1").arg(i));
    window.waitForIdle();
    // What the application's event loop does between events and this loop of processEvents() does not: delete the
    // objects queued with deleteLater() (Qt's dock animations, ten per image here, stop at once and are deleted
    // this way). Without it they pile up in the test, not in the app.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    if (i % 7 == 0) window.controls()->layerBox()->setValue(i % (window.controls()->layerBox()->maximum() + 1));
    if (i == 49) after50 = procStatusKb("VmRSS");
    if (i == 499) after500 = procStatusKb("VmRSS");
  }
  const int64_t after1000 = procStatusKb("VmRSS");
  qInfo("resident memory after 50 images: %lld kB, after 500: %lld kB, after 1000: %lld kB (%+.2f %%)",
        static_cast<long long>(after50), static_cast<long long>(after500), static_cast<long long>(after1000),
        100.0 * static_cast<double>(after1000 - after50) / static_cast<double>(after50));
  QCOMPARE(window.imageName(), QStringLiteral("image 999"));
  const int objects = static_cast<int>(window.findChildren<QObject*>().size());
  QVERIFY2(objects < 1000, qPrintable(QStringLiteral("%1 objects under the window after 1000 images").arg(objects)));
  QVERIFY(after50 > 0);
  QVERIFY2(after1000 < after50 * 105 / 100, "resident memory grew by 5 % or more");
}

QTEST_MAIN(TestGuiRobustness)
#include "tst_gui_robustness.moc"

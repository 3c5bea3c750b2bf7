// Presentation mode (View › Presentation) and the heads grid at every UI scale from 1x to 2x: nothing clipped in the
// chart, the grid or the caption, the secondary docks out of the way, the clicker's Page Up / Page Down stepping the
// tour; and the heads grid filling its dock with a tooltip per tile that names it and gives its value.
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <memory>

#include "engine/engine.h"
#include "gui_test_support.h"
#include "imaging/image_decode.h"
#include "ui/attention_controls.h"
#include "ui/attention_distance_chart.h"
#include "ui/heads_grid.h"
#include "ui/image_view.h"
#include "ui/main_window.h"

using vitlens::ui::HeadsGrid;
using vitlens::ui::MainWindow;

class TestPresentation : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void nothingIsClippedAtAnyScale_data();
  void nothingIsClippedAtAnyScale();
  void presentationModeAndBack();
  void clickerStepsTheTour();
  void headsGridFillsItsDock_data();
  void headsGridFillsItsDock();
  void tileToolTipNamesTheHeadAndItsValue();

 private:
  QTemporaryDir dir_;
  QString modelPath_;
  QFont normalFont_;
  std::unique_ptr<MainWindow> window_;
};

void TestPresentation::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_presentation"));
  QSettings().clear();
  QVERIFY(dir_.isValid());
  modelPath_ = testModelPath(dir_);
  normalFont_ = QApplication::font();
}

void TestPresentation::init() {
  window_ = std::make_unique<MainWindow>(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window_->resize(1280, 800);
  window_->show();
  window_->openImage(samplePath("coffee.jpg"));
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
}

void TestPresentation::cleanup() {
  window_.reset();
  QApplication::setFont(normalFont_);
}

void TestPresentation::nothingIsClippedAtAnyScale_data() {
  QTest::addColumn<double>("scale");
  QTest::newRow("1x (window)") << 1.0;
  QTest::newRow("1.5x") << 1.5;
  QTest::newRow("1.75x") << 1.75;
  QTest::newRow("2x") << 2.0;
}

void TestPresentation::nothingIsClippedAtAnyScale() {
  QFETCH(double, scale);
  if (scale > 1.0) window_->setPresentationMode(true, scale);
  // A projector's 1920 x 1080 (the offscreen screen may be smaller than what full screen would give).
  window_->resize(1920, 1080);
  window_->raiseDock(QStringLiteral("heads"));
  window_->waitForIdle();
  QApplication::processEvents();
  QCOMPARE(QApplication::font().pointSizeF(), normalFont_.pointSizeF() * scale);
  QVERIFY2(window_->headsGrid()->clippedLabels().isEmpty(),
           qPrintable(window_->headsGrid()->clippedLabels().join(", ")));
  QVERIFY2(window_->distanceChart()->clippedTexts().isEmpty(),
           qPrintable(window_->distanceChart()->clippedTexts().join(", ")));
  // The caption is drawn whole inside the view, and larger than the text around it.
  const QRect caption = window_->imageView()->captionRect();
  QVERIFY(!caption.isEmpty());
  QVERIFY(window_->imageView()->rect().contains(caption));
  QVERIFY(caption.height() > QFontMetrics(QApplication::font()).height());
  QVERIFY(!window_->imageView()->legend().ramp.isNull());  // the colour bar with its range
}

void TestPresentation::presentationModeAndBack() {
  QAction* presentation = window_->findChild<QAction*>(QStringLiteral("presentationAction"));
  QVERIFY(presentation != nullptr && presentation->isCheckable());
  presentation->trigger();
  QVERIFY(window_->presentationMode());
  QVERIFY(window_->isFullScreen());
  QCOMPARE(QApplication::font().pointSizeF(), normalFont_.pointSizeF() * 1.5);
  for (const char* name : {"attention", "anatomy", "faithfulness", "evaluation"}) {
    QVERIFY2(!window_->findChild<QDockWidget*>(QLatin1String(name))->isVisible(), name);
  }
  QVERIFY(window_->findChild<QDockWidget*>(QStringLiteral("prediction"))->isVisible());
  // The caption speaks plainly: what the map is, from where.
  vitlens::ui::ViewSettings s = window_->controls()->settings();
  s.method = vitlens::MapMethod::Raw;
  s.layer = 2;
  s.heads = {vitlens::HeadReduce::Single, 1};
  s.queryPatch = 10;
  window_->controls()->setSettings(s);
  window_->waitForIdle();
  QCOMPARE(window_->imageView()->legend().caption,
           QStringLiteral("Layer 2, head 1 — attention from the patch you clicked"));

  presentation->trigger();
  QVERIFY(!window_->presentationMode());
  QVERIFY(!window_->isFullScreen());
  QCOMPARE(QApplication::font().pointSizeF(), normalFont_.pointSizeF());
  QVERIFY(window_->findChild<QDockWidget*>(QStringLiteral("attention"))->isVisible());
  QVERIFY(window_->imageView()->legend().caption.startsWith(QStringLiteral("attention · layer 2")));
}

void TestPresentation::clickerStepsTheTour() {
  window_->startTour(0, QStringLiteral("en"));
  window_->setPresentationMode(true, 2.0);
  window_->waitForIdle();
  window_->imageView()->setFocus();
  // A presenter's clicker sends Page Down / Page Up.
  QTest::keyClick(window_->imageView(), Qt::Key_PageDown);
  QCOMPARE(window_->tourStep(), 1);
  QTest::keyClick(window_->imageView(), Qt::Key_PageDown);
  QCOMPARE(window_->tourStep(), 2);
  QTest::keyClick(window_->imageView(), Qt::Key_PageUp);
  QCOMPARE(window_->tourStep(), 1);
  // Out of presentation mode the page keys step the layers again, not the tour.
  window_->setPresentationMode(false);
  QTest::keyClick(window_->imageView(), Qt::Key_PageDown);
  QCOMPARE(window_->tourStep(), 1);
  QAction* nextLayer = window_->findChild<QAction*>(QStringLiteral("nextLayerAction"));
  QCOMPARE(nextLayer->shortcut(), QKeySequence(Qt::Key_PageDown));
}

void TestPresentation::headsGridFillsItsDock_data() {
  QTest::addColumn<int>("layers");
  QTest::addColumn<int>("heads");
  QTest::addColumn<QSize>("size");
  QTest::newRow("ViT-B/16 12x12 in a tall dock") << 12 << 12 << QSize(430, 600);
  QTest::newRow("ViT-B/16 12x12 in a wide dock") << 12 << 12 << QSize(700, 420);
  QTest::newRow("cifar-seed 4x4") << 4 << 4 << QSize(430, 500);
  QTest::newRow("ViT-L/16 24x16") << 24 << 16 << QSize(500, 700);
}

void TestPresentation::headsGridFillsItsDock() {
  QFETCH(int, layers);
  QFETCH(int, heads);
  QFETCH(QSize, size);
  HeadsGrid grid;
  grid.resize(size);
  QImage tile(14, 14, QImage::Format_RGB32);
  tile.fill(Qt::gray);
  grid.setTiles(QVector<QImage>(layers * heads, tile), layers, heads);
  grid.setSelected(layers - 1, heads - 1);
  // The tiles reach the edge in one direction at least, and in the other leave at most what the stretch bound
  // (1.6:1) requires: no large empty band below or beside them.
  const QPoint first = grid.tileCenter(0, 0);
  const QPoint last = grid.tileCenter(layers - 1, heads - 1);
  const double cellW = (last.x() - first.x()) / double(std::max(1, heads - 1));
  const double cellH = (last.y() - first.y()) / double(std::max(1, layers - 1));
  const double usedW = last.x() + cellW / 2.0;
  const double usedH = last.y() + cellH / 2.0;
  QVERIFY2(usedW >= size.width() - 2 || usedH >= size.height() - 2,
           qPrintable(QString("used %1 x %2 of %3 x %4").arg(usedW).arg(usedH).arg(size.width()).arg(size.height())));
  QVERIFY(std::max(cellW / cellH, cellH / cellW) <= 1.6 + 1e-6);
  QVERIFY(grid.clippedLabels().isEmpty());
  // Labels are the widget's font, never shrunk to the tiles (they were about 7 pt on 12 x 12).
  const QImage picture = grid.grab().toImage();
  QVERIFY(!picture.isNull());
}

void TestPresentation::tileToolTipNamesTheHeadAndItsValue() {
  window_->raiseDock(QStringLiteral("heads"));
  window_->waitForIdle();
  HeadsGrid* grid = window_->headsGrid();
  QVERIFY(grid->tileCount() > 0);
  const int layer = 1;
  const int head = 2;
  const QString tip = grid->tileToolTip(grid->tileCenter(layer, head));
  QVERIFY2(tip.startsWith(QStringLiteral("Layer %1, head %2 · patch ").arg(layer).arg(head)), qPrintable(tip));
  // The value is the head's attention at that patch, from the tiles' query (the class token): an engine of the
  // test's own says the same.
  const int patch = tip.section(QStringLiteral("patch "), 1).section(QLatin1Char(' '), 0, 0).toInt();
  vitlens::Engine engine(modelPath_.toStdString(), vitlens::DeviceChoice::Cpu);
  const auto analysis = engine.analyse(vitlens::decodeImageFile(samplePath("coffee.jpg").toStdString()), 5, true);
  const cv::Mat map = analysis.attention->map(layer, {vitlens::HeadReduce::Single, head}, -1);
  const double value = tip.section(QStringLiteral(": "), -1).toDouble();
  QVERIFY2(std::abs(value - map.at<float>(patch / map.cols, patch % map.cols)) < 6e-5, qPrintable(tip));
  QVERIFY(grid->tileToolTip(QPoint(1, 1)).isEmpty());  // the label corner is no tile
}

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"

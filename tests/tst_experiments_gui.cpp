// The window's experiments (README, "Experiments"): patches dropped with the mouse and from the map, the maps of
// the changed model, the head-importance view and token norms as a map, checked against the engine itself.
#include <QAction>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <opencv2/core.hpp>

#include <cmath>
#include <memory>
#include <vector>

#include "engine/engine.h"
#include "gui_test_support.h"
#include "imaging/heatmap.h"
#include "ui/attention_controls.h"
#include "ui/heads_grid.h"
#include "ui/image_view.h"
#include "ui/main_window.h"
#include "ui/prediction_panel.h"

using vitlens::ui::MainWindow;

class TestExperimentsGui : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void draggingOverTheImageDropsPatches();
  void droppingTheMapsTopPatches();
  void headImportanceMatchesTheScan();
  void tokenNormsAreAMapMethod();

 private:
  // Where patch `patch` of the model's grid lies in the image view, in widget coordinates.
  QPoint patchCentre(int patch) const;

  QTemporaryDir dir_;
  QString modelPath_;
  std::unique_ptr<MainWindow> window_;
};

void TestExperimentsGui::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_experiments_gui"));
  QSettings().clear();
  QVERIFY(dir_.isValid());
  modelPath_ = testModelPath(dir_);
}

void TestExperimentsGui::init() {
  window_ = std::make_unique<MainWindow>(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window_->resize(1280, 800);
  window_->show();
  window_->openImage(samplePath("chelsea.jpg"));
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
}

void TestExperimentsGui::cleanup() { window_.reset(); }

QPoint TestExperimentsGui::patchCentre(int patch) const { return ::patchCentre(*window_, patch); }

void TestExperimentsGui::draggingOverTheImageDropsPatches() {
  vitlens::ui::ImageView* view = window_->imageView();
  QAction* dropMode = window_->findChild<QAction*>(QStringLiteral("dropPatchesAction"));
  QAction* restore = window_->findChild<QAction*>(QStringLiteral("restorePatchesAction"));
  QVERIFY(dropMode != nullptr && dropMode->isEnabled() && restore != nullptr && !restore->isEnabled());
  dropMode->trigger();
  QVERIFY(view->painting());
  const std::vector<float> before = window_->predictionPanel()->changed();
  QVERIFY(before.empty());

  // A drag from patch 27 over 28 to 29 (row 3 of the 8 x 8 grid) drops the three.
  QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, patchCentre(27));
  QTest::mouseMove(view, patchCentre(28));
  QTest::mouseMove(view, patchCentre(29));
  QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, patchCentre(29));
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QCOMPARE(window_->interventions().droppedPatches, (std::vector<int>{27, 28, 29}));
  QVERIFY(restore->isEnabled());
  QCOMPARE(view->lines().dropped, (std::vector<int>{27, 28, 29}));

  // The prediction is the engine's with those patches dropped.
  vitlens::Engine engine(modelPath_.toStdString(), vitlens::DeviceChoice::Cpu);
  const vitlens::ui::AnalysisResult* shown = window_->result();
  QVERIFY(shown != nullptr);
  const cv::Mat& rgb = shown->rgb;
  vitlens::Interventions change;
  change.droppedPatches = {27, 28, 29};
  const vitlens::Classification expected = engine.classify(rgb, 5, change);
  const std::vector<float>& changed = window_->predictionPanel()->changed();
  QCOMPARE(changed.size(), expected.probabilities.size());
  for (size_t i = 0; i < changed.size(); ++i) QVERIFY(std::abs(changed[i] - expected.probabilities[i]) < 1e-5f);
  const vitlens::Classification plain = engine.analyse(rgb, 5, false).classification;
  QVERIFY(std::abs(changed[plain.top[0].index] - plain.top[0].probability) > 1e-6f);

  // The map shown is the changed model's: NaN at exactly the dropped cells, the engine's values elsewhere.
  const cv::Mat& map = window_->currentMap();
  QCOMPARE(vitlens::missingCells(map), (std::vector<int>{27, 28, 29}));
  const cv::Mat reference = engine.analyse(rgb, 1, true, change).attention->map(3, {vitlens::HeadReduce::Mean, 0});
  for (int p = 0; p < 64; ++p) {
    if (p >= 27 && p <= 29) continue;
    QVERIFY(std::abs(map.at<float>(p / 8, p % 8) - reference.at<float>(p / 8, p % 8)) < 1e-6f);
  }
  // Exported, the dropped cells are hatched grey: no colour of the colormap.
  const cv::Mat& exported = window_->renderedImage();
  const cv::Rect2d crop = shown->analysis.sourceCrop;
  const cv::Point centre(static_cast<int>(crop.x + 3.5 * crop.width / 8),
                         static_cast<int>(crop.y + 3.5 * crop.height / 8));
  const cv::Vec3b pixel = exported.at<cv::Vec3b>(centre);
  QVERIFY2(std::abs(pixel[0] - pixel[1]) <= 2 && std::abs(pixel[1] - pixel[2]) <= 2,
           qPrintable(QString("%1 %2 %3").arg(pixel[0]).arg(pixel[1]).arg(pixel[2])));

  // Shift+click puts a patch back; clicking a dropped one again without Shift changes nothing.
  QTest::mouseClick(view, Qt::LeftButton, Qt::ShiftModifier, patchCentre(28));
  QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, patchCentre(27));
  window_->waitForIdle();
  QCOMPARE(window_->interventions().droppedPatches, (std::vector<int>{27, 29}));
  QCOMPARE(vitlens::missingCells(window_->currentMap()), (std::vector<int>{27, 29}));

  // Restore All: the unchanged model's map again, and no change in the prediction panel.
  restore->trigger();
  window_->waitForIdle();
  QVERIFY(window_->interventions().droppedPatches.empty());
  QVERIFY(vitlens::missingCells(window_->currentMap()).empty());
  QVERIFY(window_->predictionPanel()->changed().empty());
  dropMode->trigger();
  QVERIFY(!view->painting());
}

void TestExperimentsGui::droppingTheMapsTopPatches() {
  const cv::Mat map = window_->currentMap().clone();  // the last layer's class-token attention, 8 x 8
  QAction* top10 = window_->findChild<QAction*>(QStringLiteral("dropTop10Action"));
  QVERIFY(top10 != nullptr && top10->isEnabled());
  top10->trigger();
  window_->waitForIdle();
  // ceil(10 % of 64) = 7 cells: the 7 largest values of the map.
  std::vector<int> order(64);
  for (int i = 0; i < 64; ++i) order[static_cast<size_t>(i)] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return map.at<float>(a / 8, a % 8) > map.at<float>(b / 8, b % 8); });
  std::vector<int> expected(order.begin(), order.begin() + 7);
  std::sort(expected.begin(), expected.end());
  QCOMPARE(window_->interventions().droppedPatches, expected);
  QCOMPARE(vitlens::missingCells(window_->currentMap()), expected);
  QVERIFY(!window_->predictionPanel()->changed().empty());
}

void TestExperimentsGui::headImportanceMatchesTheScan() {
  QAction* importance = window_->findChild<QAction*>(QStringLiteral("headImportanceAction"));
  QVERIFY(importance != nullptr && importance->isEnabled());
  importance->trigger();
  window_->waitForIdle();
  const std::vector<float>& shown = window_->headsGrid()->importance();
  vitlens::Engine engine(modelPath_.toStdString(), vitlens::DeviceChoice::Cpu);
  const vitlens::AblationScan scan = engine.ablateScan(window_->result()->rgb, -1);
  QCOMPARE(static_cast<int>(shown.size()), scan.delta.rows * scan.delta.cols);
  for (int i = 0; i < scan.delta.rows * scan.delta.cols; ++i) {
    QVERIFY(std::abs(shown[static_cast<size_t>(i)] - scan.delta.at<float>(i / scan.delta.cols, i % scan.delta.cols)) <
            1e-6f);
  }
  // A new image is scanned again while the view is on; switching it off clears the tiles' colours.
  window_->openImage(samplePath("coffee.jpg"));
  window_->waitForIdle();
  const vitlens::AblationScan coffee = engine.ablateScan(window_->result()->rgb, -1);
  QVERIFY(std::abs(window_->headsGrid()->importance()[5] - coffee.delta.at<float>(1, 1)) < 1e-6f);
  importance->trigger();
  QVERIFY(window_->headsGrid()->importance().empty());
}

void TestExperimentsGui::tokenNormsAreAMapMethod() {
  vitlens::ui::ViewSettings settings = window_->controls()->settings();
  settings.method = vitlens::MapMethod::Tokens;
  settings.layer = 1;
  window_->controls()->setSettings(settings);
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  vitlens::Engine engine(modelPath_.toStdString(), vitlens::DeviceChoice::Cpu);
  const vitlens::TokenNorms norms = engine.tokenNorms(window_->result()->rgb, 1);
  const cv::Mat& map = window_->currentMap();
  QCOMPARE(map.size(), norms.patches.size());
  QVERIFY(cv::norm(map, norms.patches, cv::NORM_INF) < 1e-5);
  // The class token's norm, which the map leaves out, is listed under the controls.
  const QString summary = window_->controls()->findChild<QLabel*>(QStringLiteral("prefixSummary"))->text();
  QVERIFY2(summary.contains(QStringLiteral("norms")) && summary.contains(QStringLiteral("class")), qPrintable(summary));
  QVERIFY(summary.contains(QString::number(norms.prefix[0].second, 'f', 2)));
}

QTEST_MAIN(TestExperimentsGui)
#include "tst_experiments_gui.moc"

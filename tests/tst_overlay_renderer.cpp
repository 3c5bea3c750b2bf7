// The GUI's rendering: which map the settings select, the overlay, the heads grid tiles, patch lookup.
#include <opencv2/core.hpp>

#include "engine/engine.h"
#include "imaging/image_decode.h"
#include "ui/image_view.h"
#include "ui/overlay_renderer.h"

#include <QtTest>

#include "gui_test_support.h"

using vitlens::HeadReduce;
using vitlens::HeadSelection;
using vitlens::ui::AttentionMethod;
using vitlens::ui::ViewSettings;

Q_DECLARE_METATYPE(ViewSettings)

class TestOverlayRenderer : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void patchAt_data();
  void patchAt();
  void settingsChangeTheMap_data();
  void settingsChangeTheMap();
  void renderKeepsImageSizeAndDrawsOutlines();
  void headTiles();
  void positionSimilarityMontage();
  void describePatch();
  void viewLinesStayThinAtAnyZoom_data();
  void viewLinesStayThinAtAnyZoom();

 private:
  QTemporaryDir dir_;
  std::unique_ptr<vitlens::Engine> engine_;
  cv::Mat image_;
  vitlens::ImageAnalysis analysis_;
};

void TestOverlayRenderer::initTestCase() {
  engine_ = std::make_unique<vitlens::Engine>(testModelPath(dir_).toStdString(), vitlens::DeviceChoice::Cpu);
  image_ = vitlens::decodeImageFile(samplePath("chelsea.jpg").toStdString());
  analysis_ = engine_->analyse(image_, 5, true);
  QVERIFY(analysis_.attention);
}

void TestOverlayRenderer::patchAt_data() {
  QTest::addColumn<double>("x");
  QTest::addColumn<double>("y");
  QTest::addColumn<int>("expected");
  // 4 x 8 grid over the crop (100, 50, 80, 40): patches are 10 x 10 pixels.
  QTest::newRow("top-left") << 100.0 << 50.0 << 0;
  QTest::newRow("inside patch 1") << 115.0 << 55.0 << 1;
  QTest::newRow("second row") << 100.0 << 60.0 << 8;
  QTest::newRow("bottom-right") << 179.9 << 89.9 << 31;
  QTest::newRow("right of the crop") << 180.0 << 60.0 << -1;
  QTest::newRow("left of the crop") << 99.9 << 60.0 << -1;
  QTest::newRow("below the crop") << 120.0 << 90.0 << -1;
}

void TestOverlayRenderer::patchAt() {
  QFETCH(double, x);
  QFETCH(double, y);
  QFETCH(int, expected);
  QCOMPARE(vitlens::ui::patchAt(cv::Point2d(x, y), cv::Rect2d(100, 50, 80, 40), 4, 8), expected);
}

void TestOverlayRenderer::settingsChangeTheMap_data() {
  QTest::addColumn<ViewSettings>("a");
  QTest::addColumn<ViewSettings>("b");
  ViewSettings base;
  ViewSettings layer0 = base;
  layer0.layer = 0;
  QTest::newRow("last layer vs layer 0") << base << layer0;
  ViewSettings head1 = base;
  head1.heads = HeadSelection{HeadReduce::Single, 1};
  QTest::newRow("mean vs head 1") << base << head1;
  ViewSettings maxHeads = base;
  maxHeads.heads = HeadSelection{HeadReduce::Max, 0};
  QTest::newRow("mean vs max") << base << maxHeads;
  ViewSettings patch = base;
  patch.queryPatch = 27;
  QTest::newRow("class token vs patch 27") << base << patch;
  ViewSettings rollout = base;
  rollout.method = AttentionMethod::Rollout;
  QTest::newRow("raw vs rollout") << base << rollout;
  ViewSettings rolloutNoDiscard = rollout;
  rolloutNoDiscard.discardRatio = 0.0;
  QTest::newRow("rollout discard 0.9 vs 0") << rollout << rolloutNoDiscard;
}

void TestOverlayRenderer::settingsChangeTheMap() {
  QFETCH(ViewSettings, a);
  QFETCH(ViewSettings, b);
  const vitlens::AttentionSet& attention = *analysis_.attention;
  const cv::Mat mapA = vitlens::ui::selectedMap(attention, a);
  const cv::Mat mapB = vitlens::ui::selectedMap(attention, b);
  QCOMPARE(mapA.rows, attention.gridRows());
  QCOMPARE(mapA.cols, attention.gridCols());
  QVERIFY(cv::norm(mapA, mapB, cv::NORM_INF) > 1e-4);
  // The overlays differ too, at the image's resolution.
  const cv::Mat viewA = vitlens::ui::renderView(image_, analysis_.sourceCrop, mapA, a);
  const cv::Mat viewB = vitlens::ui::renderView(image_, analysis_.sourceCrop, mapB, b);
  QCOMPARE(viewA.size(), image_.size());
  QVERIFY(cv::norm(viewA, viewB, cv::NORM_L1) > 0);
  // A raw class-token map is a slice of a softmax row: non-negative and summing to at most 1.
  if (a.method == AttentionMethod::Raw && a.heads.reduce == HeadReduce::Mean) {
    QVERIFY(cv::sum(mapA)[0] <= 1.0 + 1e-5);
    double lowest = 0;
    cv::minMaxLoc(mapA, &lowest);
    QVERIFY(lowest >= 0.0);
  }
}

void TestOverlayRenderer::renderKeepsImageSizeAndDrawsOutlines() {
  const vitlens::AttentionSet& attention = *analysis_.attention;
  ViewSettings plain;
  const cv::Mat map = vitlens::ui::selectedMap(attention, plain);
  const cv::Mat base = vitlens::ui::renderView(image_, analysis_.sourceCrop, map, plain);
  ViewSettings outlined = plain;
  outlined.massThreshold = 0.6;
  const cv::Mat withMass = vitlens::ui::renderView(image_, analysis_.sourceCrop, map, outlined);
  QVERIFY(cv::norm(base, withMass, cv::NORM_L1) > 0);
  ViewSettings noOverlay = plain;
  noOverlay.showOverlay = false;
  const cv::Mat bare = vitlens::ui::renderView(image_, analysis_.sourceCrop, map, noOverlay);
  // Without the heat map, the crop shows the image's own pixels.
  const cv::Point centre(static_cast<int>(analysis_.sourceCrop.x + analysis_.sourceCrop.width / 2),
                         static_cast<int>(analysis_.sourceCrop.y + analysis_.sourceCrop.height / 2));
  QCOMPARE(bare.at<cv::Vec3b>(centre), image_.at<cv::Vec3b>(centre));
}

void TestOverlayRenderer::headTiles() {
  const vitlens::AttentionSet& attention = *analysis_.attention;
  const auto tiles = vitlens::ui::renderHeadTiles(image_, analysis_.sourceCrop, attention, ViewSettings{}, 64);
  QCOMPARE(static_cast<int>(tiles.size()), attention.layers() * attention.heads());
  for (const cv::Mat& tile : tiles) {
    QCOMPARE(tile.type(), CV_8UC3);
    QCOMPARE(std::max(tile.rows, tile.cols), 64);
  }
  // Different heads look at different things.
  QVERIFY(cv::norm(tiles.front(), tiles.back(), cv::NORM_L1) > 0);
}

void TestOverlayRenderer::positionSimilarityMontage() {
  const cv::Mat similarity = engine_->positionSimilarity();
  const int rows = analysis_.attention->gridRows();
  const int cols = analysis_.attention->gridCols();
  QCOMPARE(similarity.rows, rows * cols);
  // Each patch is most similar to itself.
  for (int i = 0; i < similarity.rows; ++i) QVERIFY(std::abs(similarity.at<float>(i, i) - 1.0f) < 1e-5f);
  const cv::Mat montage = vitlens::ui::renderPositionSimilarity(similarity, rows, cols, 4, vitlens::Colormap::Viridis);
  QCOMPARE(montage.cols, cols * (cols * 4) + (cols - 1) * 2);  // tiles of cols x 4 px, 2 px gaps
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::ui::renderPositionSimilarity(similarity, rows + 1, cols, 4,
                                                                                        vitlens::Colormap::Viridis));
}

void TestOverlayRenderer::describePatch() {
  cv::Mat map = cv::Mat::zeros(2, 2, CV_32F);
  map.at<float>(1, 0) = 0.25f;
  const std::string text = vitlens::ui::describePatchAt(cv::Point2d(2, 7), cv::Rect2d(0, 0, 10, 10), map, 1);
  QCOMPARE(QString::fromStdString(text), QStringLiteral("patch 2 (row 1, col 0) · token 3 · attention 0.2500"));
  QVERIFY(vitlens::ui::describePatchAt(cv::Point2d(12, 7), cv::Rect2d(0, 0, 10, 10), map, 1).empty());
}

void TestOverlayRenderer::viewLinesStayThinAtAnyZoom_data() {
  QTest::addColumn<int>("side");
  QTest::newRow("32 x 32 CIFAR image, about 20x") << 32;
  QTest::newRow("4000 x 4000 photo, shrunk") << 4000;
}

void TestOverlayRenderer::viewLinesStayThinAtAnyZoom() {
  // The grid is drawn by the view at screen resolution: one device pixel per line (with a dark halo beside it)
  // whatever the zoom. Drawn into the pixels of a 32 x 32 image, each line was a bar a quarter of a patch wide.
  QFETCH(int, side);
  vitlens::ui::ImageView view;
  view.resize(660, 660);
  QImage gray(side, side, QImage::Format_RGB888);
  gray.fill(QColor(100, 100, 100));
  view.setImage(gray);
  vitlens::ui::ViewLines lines;
  lines.crop = QRectF(0, 0, side, side);
  lines.rows = lines.cols = 8;
  lines.grid = true;
  view.setLines(lines);
  const QImage shot = view.grab().toImage();
  const QPointF cellMiddle = view.imageToWidget(QPointF(side / 16.0, side / 16.0));  // inside patch (0, 0)
  int whitePixels = 0;
  for (int x = 0; x < shot.width(); ++x) {
    const QColor c = shot.pixelColor(x, static_cast<int>(cellMiddle.y()));
    if (c.red() > 170 && c.green() > 170 && c.blue() > 170) ++whitePixels;
  }
  // 9 vertical lines (8 cells), each 1 pixel wide; the right border may fall just outside a fitted image.
  QVERIFY2(whitePixels == 8 || whitePixels == 9, qPrintable(QString::number(whitePixels)));
  // The outline of a query patch: 3 pixels, still thin at 20x.
  lines.grid = false;
  lines.queryPatch = 0;
  view.setLines(lines);
  const QImage outlined = view.grab().toImage();
  int outlinePixels = 0;
  for (int x = 0; x < outlined.width(); ++x) {
    const QColor c = outlined.pixelColor(x, static_cast<int>(cellMiddle.y()));
    if (c.red() > 170 && c.green() > 170 && c.blue() > 170) ++outlinePixels;
  }
  QVERIFY2(outlinePixels >= 4 && outlinePixels <= 8, qPrintable(QString::number(outlinePixels)));  // two sides
}

QTEST_MAIN(TestOverlayRenderer)
#include "tst_overlay_renderer.moc"

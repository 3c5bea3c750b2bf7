// Rendering maps over images: colormap names and endpoints, overlay geometry on a non-square centre crop,
// dimming outside the crop, patch grid positions, montage layout.
#include <opencv2/core.hpp>

#include <QtTest>

#include <limits>
#include <stdexcept>
#include <vector>

#include "imaging/colour_bar.h"
#include "imaging/heatmap.h"
#include "imaging/map_view.h"
#include "imaging/preprocess.h"

using vitlens::Colormap;
using vitlens::OverlayStyle;

Q_DECLARE_METATYPE(Colormap)

namespace {

cv::Mat randomRgb(int width, int height, int seed) {
  cv::Mat rgb(height, width, CV_8UC3);
  cv::RNG rng(static_cast<uint64_t>(seed));
  rng.fill(rgb, cv::RNG::UNIFORM, 0, 256);
  return rgb;
}

cv::Rect2d centreCrop(int width, int height) {
  vitlens::PreprocessSpec spec;  // 32 x 32
  return vitlens::preprocessImage(cv::Mat(height, width, CV_8UC3, cv::Scalar::all(0)), spec).sourceCrop;
}

int maxDifference(const cv::Vec3b& a, const cv::Vec3b& b) {
  int worst = 0;
  for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(a[c] - b[c]));
  return worst;
}

}  // namespace

class TestHeatmap : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void parseColormap_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<Colormap>("colormap");
    QTest::newRow("viridis") << "viridis" << true << Colormap::Viridis;
    QTest::newRow("upper case") << "VIRIDIS" << true << Colormap::Viridis;
    QTest::newRow("inferno") << "Inferno" << true << Colormap::Inferno;
    QTest::newRow("magma") << "magma" << true << Colormap::Magma;
    QTest::newRow("turbo") << "turbo" << true << Colormap::Turbo;
    QTest::newRow("jet") << "jet" << true << Colormap::Jet;
    QTest::newRow("gray") << "gray" << true << Colormap::Gray;
    QTest::newRow("grey") << "grey" << true << Colormap::Gray;
    QTest::newRow("unknown") << "hot" << false << Colormap::Viridis;
    QTest::newRow("empty") << "" << false << Colormap::Viridis;
  }

  void parseColormap() {
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(Colormap, colormap);
    if (valid) {
      QCOMPARE(vitlens::parseColormap(name.toStdString()), colormap);
      return;
    }
    try {
      vitlens::parseColormap(name.toStdString());
      QFAIL("expected std::invalid_argument");
    } catch (const std::invalid_argument& e) {
      const QString message = e.what();
      for (const std::string& valid_name : vitlens::colormapNames()) {
        QVERIFY2(message.contains(QString::fromStdString(valid_name)), qPrintable(message));
      }
    }
  }

  void names() {
    const std::vector<std::string> names = vitlens::colormapNames();
    QCOMPARE(names.size(), size_t{6});
    for (const std::string& name : names) QCOMPARE(vitlens::colormapName(vitlens::parseColormap(name)), name);
  }

  void endpoints_data() {
    QTest::addColumn<Colormap>("colormap");
    QTest::addColumn<float>("value");
    QTest::addColumn<int>("r");
    QTest::addColumn<int>("g");
    QTest::addColumn<int>("b");
    QTest::newRow("viridis 0") << Colormap::Viridis << 0.0f << 68 << 1 << 84;
    QTest::newRow("viridis 1") << Colormap::Viridis << 1.0f << 253 << 231 << 37;
    QTest::newRow("inferno 0") << Colormap::Inferno << 0.0f << 0 << 0 << 4;
    QTest::newRow("inferno 1") << Colormap::Inferno << 1.0f << 252 << 255 << 164;
    QTest::newRow("turbo 0") << Colormap::Turbo << 0.0f << 48 << 18 << 59;
    QTest::newRow("gray 0") << Colormap::Gray << 0.0f << 0 << 0 << 0;
    QTest::newRow("gray 1") << Colormap::Gray << 1.0f << 255 << 255 << 255;
    QTest::newRow("gray clamps above 1") << Colormap::Gray << 3.0f << 255 << 255 << 255;
  }

  void endpoints() {
    QFETCH(Colormap, colormap);
    QFETCH(float, value);
    QFETCH(int, r);
    QFETCH(int, g);
    QFETCH(int, b);
    const cv::Mat rgb = vitlens::applyColormap(cv::Mat(2, 3, CV_32F, cv::Scalar(value)), colormap);
    QCOMPARE(rgb.type(), CV_8UC3);
    QCOMPARE(rgb.size(), cv::Size(3, 2));
    const cv::Vec3b got = rgb.at<cv::Vec3b>(1, 2);
    QVERIFY2(maxDifference(got, cv::Vec3b(r, g, b)) <= 3,
             qPrintable(QString("got %1 %2 %3").arg(got[0]).arg(got[1]).arg(got[2])));
  }

  void normalizeMap() {
    const cv::Mat map = (cv::Mat_<float>(1, 3) << 1.0f, 3.0f, 5.0f);
    const cv::Mat unit = vitlens::normalizeMap(map);
    QCOMPARE(unit.at<float>(0, 0), 0.0f);
    QCOMPARE(unit.at<float>(0, 1), 0.5f);
    QCOMPARE(unit.at<float>(0, 2), 1.0f);
    QCOMPARE(cv::countNonZero(vitlens::normalizeMap(cv::Mat(2, 2, CV_32F, cv::Scalar(7.0f)))), 0);
  }

  // NaN cells (patches dropped from the pass) take no part in the range and are hatched, not coloured.
  void droppedCellsAreHatched() {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const cv::Mat map = (cv::Mat_<float>(2, 2) << 2.0f, nan, 4.0f, 6.0f);
    const cv::Mat unit = vitlens::normalizeMap(map);
    QCOMPARE(unit.at<float>(0, 0), 0.0f);  // the finite minimum, not a 0 standing in for NaN
    QCOMPARE(unit.at<float>(1, 0), 0.5f);
    QCOMPARE(unit.at<float>(1, 1), 1.0f);
    double lo = 0, hi = 0;
    QVERIFY(vitlens::finiteRange(map, &lo, &hi));
    QCOMPARE(lo, 2.0);
    QCOMPARE(hi, 6.0);
    QCOMPARE(vitlens::missingCells(map), std::vector<int>{1});

    // A 2 x 2 map over an 80 x 80 red image: the dropped cell (row 0, col 1) is grey and striped, the others
    // keep the colormap's colours.
    const cv::Mat rgb(80, 80, CV_8UC3, cv::Scalar(200, 30, 30));
    vitlens::DrawStyle style;
    style.opacity = 1.0;
    const cv::Mat out = vitlens::renderMapView(rgb, cv::Rect2d(0, 0, 80, 80), map, style, -1);
    int greyish = 0, light = 0;
    for (int y = 4; y < 36; ++y) {
      for (int x = 44; x < 76; ++x) {
        const cv::Vec3b p = out.at<cv::Vec3b>(y, x);
        if (maxDifference(p, cv::Vec3b(p[0], p[0], p[0])) <= 2) ++greyish;
        if (p[0] >= 150) ++light;
      }
    }
    QCOMPARE(greyish, 32 * 32);  // no colour survives in the dropped cell
    QVERIFY2(light > 100 && light < 32 * 32 - 200, qPrintable(QString::number(light)));  // stripes, not a fill
    const cv::Vec3b kept = out.at<cv::Vec3b>(60, 60);  // the hottest cell: inferno(1), pale yellow
    QVERIFY(kept[0] > 200 && kept[1] > 200 && kept[2] < 200);
  }

  // alpha = 0: the crop is the image itself, the rest is dimmed to half.
  void overlayAlphaZero() {
    const cv::Mat rgb = randomRgb(60, 40, 1);
    const cv::Rect2d crop = centreCrop(60, 40);
    QCOMPARE(crop, cv::Rect2d(10, 0, 40, 40));
    cv::Mat map(4, 4, CV_32F);
    cv::randu(map, 0.0f, 1.0f);
    OverlayStyle style;
    style.alpha = 0.0;
    const cv::Mat out = vitlens::renderOverlay(rgb, map, crop, style);
    QCOMPARE(out.type(), CV_8UC3);
    QCOMPARE(out.size(), rgb.size());
    QCOMPARE(cv::norm(out(cv::Rect(10, 0, 40, 40)), rgb(cv::Rect(10, 0, 40, 40)), cv::NORM_INF), 0.0);
    for (const cv::Rect outside : {cv::Rect(0, 0, 10, 40), cv::Rect(50, 0, 10, 40)}) {
      for (int y = outside.y; y < outside.br().y; ++y) {
        for (int x = outside.x; x < outside.br().x; ++x) {
          for (int c = 0; c < 3; ++c) {
            const int twice = 2 * out.at<cv::Vec3b>(y, x)[c], original = rgb.at<cv::Vec3b>(y, x)[c];
            if (std::abs(twice - original) > 1) QFAIL("outside of the crop must be dimmed to half");
          }
        }
      }
    }
  }

  // One hot patch of a 4 x 4 map over a 120 x 80 image: the crop is (20, 0, 80, 80), patch (row 1, col 2)
  // is centred at source (70, 30).
  void overlayHotPatch() {
    const cv::Mat rgb(80, 120, CV_8UC3, cv::Scalar(30, 30, 30));
    const cv::Rect2d crop = centreCrop(120, 80);
    QCOMPARE(crop, cv::Rect2d(20, 0, 80, 80));
    cv::Mat map = cv::Mat::zeros(4, 4, CV_32F);
    map.at<float>(1, 2) = 5.0f;
    OverlayStyle style;
    style.alpha = 1.0;
    const cv::Mat out = vitlens::renderOverlay(rgb, map, crop, style);
    QCOMPARE(out.size(), rgb.size());
    const cv::Vec3b hottest(253, 231, 37);  // viridis(1)
    int best = 1000;
    cv::Point bestAt;
    for (int y = 0; y < out.rows; ++y) {
      for (int x = 0; x < out.cols; ++x) {
        const int d = maxDifference(out.at<cv::Vec3b>(y, x), hottest);
        if (d < best) best = d, bestAt = cv::Point(x, y);
      }
    }
    QVERIFY2(best <= 6, qPrintable(QString("closest to the hottest colour: %1").arg(best)));
    QVERIFY2(std::abs(bestAt.x - 70) <= 3 && std::abs(bestAt.y - 30) <= 3,
             qPrintable(QString("hottest at %1, %2").arg(bestAt.x).arg(bestAt.y)));
    QVERIFY(maxDifference(out.at<cv::Vec3b>(30, 70), hottest) <= 10);
    QCOMPARE(out.at<cv::Vec3b>(40, 5), cv::Vec3b(15, 15, 15));                      // outside: dimmed, not coloured
    QVERIFY(maxDifference(out.at<cv::Vec3b>(75, 25), cv::Vec3b(68, 1, 84)) <= 10);  // cold corner: viridis(0)
  }

  void overlayWithGrid() {
    const cv::Mat rgb(64, 64, CV_8UC3, cv::Scalar(90, 90, 90));
    OverlayStyle style;
    style.grid = true;
    style.colormap = Colormap::Gray;
    const cv::Mat map = cv::Mat::zeros(4, 4, CV_32F);
    const cv::Mat out = vitlens::renderOverlay(rgb, map, cv::Rect2d(0, 0, 64, 64), style);
    QVERIFY(out.at<cv::Vec3b>(8, 16) != out.at<cv::Vec3b>(8, 8));  // x = 16 is a patch border
  }

  void gridPositions() {
    cv::Mat image(50, 100, CV_8UC3, cv::Scalar(100, 100, 100));
    vitlens::drawPatchGrid(image, 2, 4, cv::Rect2d(10, 0, 80, 50));
    const cv::Vec3b plain(100, 100, 100);
    for (int x : {10, 30, 50, 70, 89}) QVERIFY2(image.at<cv::Vec3b>(12, x) != plain, qPrintable(QString::number(x)));
    for (int x : {5, 11, 20, 29, 31, 40, 60, 88, 95}) {
      QVERIFY2(image.at<cv::Vec3b>(12, x) == plain, qPrintable(QString::number(x)));
    }
    for (int y : {0, 25, 49}) QVERIFY(image.at<cv::Vec3b>(y, 20) != plain);
    QVERIFY(image.at<cv::Vec3b>(12, 20) == plain);
    QVERIFY(image.at<cv::Vec3b>(25, 5) == plain);   // horizontal lines stay inside the crop
    QVERIFY(image.at<cv::Vec3b>(12, 30)[0] > 100);  // lighter on a dark image

    cv::Mat light(50, 100, CV_8UC3, cv::Scalar(230, 230, 230));
    vitlens::drawPatchGrid(light, 2, 4, cv::Rect2d(10, 0, 80, 50));
    QVERIFY(light.at<cv::Vec3b>(12, 30)[0] < 230);  // darker on a light one
  }

  void gridScalesWithImage() {
    cv::Mat large(2000, 2000, CV_8UC3, cv::Scalar::all(0));
    vitlens::drawPatchGrid(large, 2, 2, cv::Rect2d(0, 0, 2000, 2000));
    int width = 0;
    for (int x = 990; x < 1010; ++x) width += large.at<cv::Vec3b>(500, x)[0] > 0;
    QVERIFY2(width >= 2, qPrintable(QString::number(width)));
  }

  void montage() {
    std::vector<cv::Mat> tiles;
    for (int i = 0; i < 5; ++i) tiles.emplace_back(8, 10, CV_8UC3, cv::Scalar::all(i * 40));
    const cv::Mat out = vitlens::makeMontage(tiles, 3, 2, cv::Scalar(1, 2, 3));
    QCOMPARE(out.type(), CV_8UC3);
    QCOMPARE(out.cols, 3 * 10 + 2 * 2);
    QCOMPARE(out.rows, 2 * 8 + 2);
    QCOMPARE(out.at<cv::Vec3b>(0, 10), cv::Vec3b(1, 2, 3));          // gap
    QCOMPARE(out.at<cv::Vec3b>(10, 0), cv::Vec3b(120, 120, 120));    // tile 3: second row, first column
    QCOMPARE(out.at<cv::Vec3b>(17, 33), cv::Vec3b(1, 2, 3));         // no sixth tile
    QCOMPARE(vitlens::makeMontage(tiles, 10).cols, 5 * 10 + 4 * 2);  // never more columns than tiles
    tiles.emplace_back(9, 10, CV_8UC3);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::makeMontage(tiles, 3));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::makeMontage({}, 3));
  }

  void drawPatchOutline_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("row");
    QTest::newRow("first patch") << 0 << 0 << 0;
    QTest::newRow("patch 27 of 8x8") << 27 << 3 << 3;
    QTest::newRow("last patch") << 63 << 7 << 7;
  }

  void drawPatchOutline() {
    QFETCH(int, index);
    QFETCH(int, column);
    QFETCH(int, row);
    // A 400x300 image whose centre 300x300 square is the crop: patches are 37.5 px wide.
    cv::Mat rgb(300, 400, CV_8UC3, cv::Scalar(90, 90, 90));
    const cv::Rect2d crop(50, 0, 300, 300);
    vitlens::drawPatchOutline(rgb, 8, 8, crop, index);
    const int left = int(std::lround(50 + column * 37.5));
    const int top = int(std::lround(row * 37.5));
    const int centreX = int(50 + (column + 0.5) * 37.5);
    const int centreY = int((row + 0.5) * 37.5);
    QCOMPARE(rgb.at<cv::Vec3b>(centreY, left), cv::Vec3b(255, 255, 255));  // on the left edge
    QCOMPARE(rgb.at<cv::Vec3b>(top, centreX), cv::Vec3b(255, 255, 255));   // on the top edge
    QCOMPARE(rgb.at<cv::Vec3b>(centreY, centreX), cv::Vec3b(90, 90, 90));  // inside: untouched
    const int otherX = column < 4 ? 340 : 60;                              // a patch far away: untouched
    QCOMPARE(rgb.at<cv::Vec3b>(centreY, otherX), cv::Vec3b(90, 90, 90));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::drawPatchOutline(rgb, 8, 8, crop, 64));
  }

  void colourBarInTheCorner_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<bool>("drawn");
    QTest::newRow("photo") << 1800 << 1200 << true;
    QTest::newRow("small photo") << 384 << 255 << true;
    QTest::newRow("CIFAR image: no room") << 32 << 32 << false;
  }
  void colourBarInTheCorner() {
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(bool, drawn);
    const cv::Mat grey(height, width, CV_8UC3, cv::Scalar(128, 128, 128));
    cv::Mat image = grey.clone();
    vitlens::drawColourBar(image, vitlens::Colormap::Inferno, -0.118, 0.0231);
    const cv::Rect bottomLeft(0, height * 3 / 4, width / 3, height / 4);
    const cv::Rect topRight(width * 2 / 3, 0, width / 3, height * 3 / 4);
    QCOMPARE(cv::norm(image(topRight), grey(topRight), cv::NORM_INF), 0.0);  // the rest is untouched
    QCOMPARE(cv::norm(image(bottomLeft), grey(bottomLeft), cv::NORM_INF) > 0.0, drawn);
    if (drawn) {
      // The colormap's ends are in the bar: inferno's darkest is near black, its brightest pale yellow.
      cv::Mat corner = image(bottomLeft);
      double low = 255, high = 0;
      cv::minMaxLoc(corner.reshape(1), &low, &high);
      QVERIFY(low < 20 && high > 230);
    }
    // Through the overlay: only with colourBar set.
    const cv::Mat map = (cv::Mat_<float>(2, 2) << 0.1f, 0.2f, 0.3f, 0.4f);
    vitlens::DrawStyle style;
    const cv::Rect2d crop(0, 0, width, height);
    const cv::Mat plain = vitlens::renderMapView(grey, crop, map, style, -1);
    style.colourBar = true;
    const cv::Mat barred = vitlens::renderMapView(grey, crop, map, style, -1);
    QCOMPARE(cv::norm(plain(topRight), barred(topRight), cv::NORM_INF), 0.0);
    QCOMPARE(cv::norm(plain(bottomLeft), barred(bottomLeft), cv::NORM_INF) > 0.0, drawn);
  }
};

QTEST_MAIN(TestHeatmap)
#include "tst_heatmap.moc"

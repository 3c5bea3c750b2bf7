// The DINO-style mass outline: which patches are selected for a share of the attention, and where the outline goes.
#include <opencv2/core.hpp>

#include "imaging/attention_mass.h"

#include <QtTest>

namespace {

cv::Mat mapOf(int rows, int cols, const QList<float>& values) {
  cv::Mat map(rows, cols, CV_32F);
  for (int i = 0; i < rows * cols; ++i) map.at<float>(i / cols, i % cols) = values[i];
  return map;
}

QList<int> selected(const cv::Mat& mask) {
  QList<int> indices;
  for (int i = 0; i < mask.rows * mask.cols; ++i)
    if (mask.at<uint8_t>(i / mask.cols, i % mask.cols)) indices.append(i);
  return indices;
}

}  // namespace

class TestAttentionMass : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void mask_data();
  void mask();
  void outlineFollowsPatchEdges();
  void rejectsWrongTypes();
};

void TestAttentionMass::mask_data() {
  QTest::addColumn<QList<float>>("values");  // 2 x 3
  QTest::addColumn<double>("fraction");
  QTest::addColumn<QList<int>>("expected");
  const QList<float> peaked{0.5f, 0.2f, 0.1f, 0.1f, 0.05f, 0.05f};
  QTest::newRow("off") << peaked << 0.0 << QList<int>{};
  QTest::newRow("45 % is the top patch") << peaked << 0.45 << QList<int>{0};
  QTest::newRow("just over half needs two") << peaked << 0.51 << QList<int>{0, 1};
  QTest::newRow("65 % -> two") << peaked << 0.65 << QList<int>{0, 1};
  QTest::newRow("85 % -> four, ties in reading order") << peaked << 0.85 << QList<int>{0, 1, 2, 3};
  QTest::newRow("all") << peaked << 1.0 << QList<int>{0, 1, 2, 3, 4, 5};
  QTest::newRow("above 1 is all") << peaked << 5.0 << QList<int>{0, 1, 2, 3, 4, 5};
  QTest::newRow("unnormalised weights") << QList<float>{0, 0, 6, 2, 0, 2} << 0.6 << QList<int>{2};
  QTest::newRow("zero weights never selected") << QList<float>{0, 0, 6, 2, 0, 2} << 1.0 << QList<int>{2, 3, 5};
  QTest::newRow("all zero") << QList<float>{0, 0, 0, 0, 0, 0} << 0.9 << QList<int>{};
  QTest::newRow("uniform 50 %") << QList<float>{1, 1, 1, 1, 1, 1} << 0.5 << QList<int>{0, 1, 2};
}

void TestAttentionMass::mask() {
  QFETCH(QList<float>, values);
  QFETCH(double, fraction);
  QFETCH(QList<int>, expected);
  const cv::Mat mask = vitlens::attentionMassMask(mapOf(2, 3, values), fraction);
  QCOMPARE(mask.type(), CV_8U);
  QCOMPARE(mask.rows, 2);
  QCOMPARE(mask.cols, 3);
  QCOMPARE(selected(mask), expected);
}

void TestAttentionMass::outlineFollowsPatchEdges() {
  // A 4x4 grid over a 40x40 crop at (10, 20) of a 60x80 image; the mask is the single patch (1, 2): pixels
  // x 30..40, y 30..40. The outline must lie on that box and change nothing far from it.
  cv::Mat image(80, 60, CV_8UC3, cv::Scalar(128, 128, 128));
  cv::Mat mask = cv::Mat::zeros(4, 4, CV_8U);
  mask.at<uint8_t>(1, 2) = 255;
  vitlens::drawMaskOutline(image, mask, cv::Rect2d(10, 20, 40, 40));
  auto changed = [&](int x, int y) { return image.at<cv::Vec3b>(y, x) != cv::Vec3b(128, 128, 128); };
  QVERIFY(changed(30, 35));                                       // left edge
  QVERIFY(changed(40, 35));                                       // right edge
  QVERIFY(changed(35, 30));                                       // top edge
  QVERIFY(changed(35, 40));                                       // bottom edge
  QVERIFY(!changed(35, 35));                                      // inside the patch
  QVERIFY(!changed(15, 25));                                      // another patch
  QVERIFY(!changed(5, 5));                                        // outside the crop
  QCOMPARE(image.at<cv::Vec3b>(30, 35), cv::Vec3b(255, 215, 0));  // gold line on a dark border
}

void TestAttentionMass::rejectsWrongTypes() {
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::attentionMassMask(cv::Mat(2, 2, CV_8U), 0.5));
  cv::Mat image(10, 10, CV_8UC3);
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                           vitlens::drawMaskOutline(image, cv::Mat(2, 2, CV_32F), cv::Rect2d(0, 0, 10, 10)));
}

QTEST_MAIN(TestAttentionMass)
#include "tst_attention_mass.moc"

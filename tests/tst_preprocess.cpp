// From RGB images to model input: resize/crop geometry and the source crop, exact normalisation, tensor layout.
// Torch headers come before Qt's (LibTorch's `slots` member against Qt's macro).
#include "imaging/image_tensor.h"
#include "imaging/preprocess.h"

#include <opencv2/core.hpp>

#include <QtTest>

#include <stdexcept>

using vitlens::PreparedImage;
using vitlens::PreprocessSpec;

namespace {

cv::Mat randomRgb(int width, int height, int seed) {
  cv::Mat rgb(height, width, CV_8UC3);
  cv::RNG rng(static_cast<uint64_t>(seed));
  rng.fill(rgb, cv::RNG::UNIFORM, 0, 256);
  return rgb;
}

PreprocessSpec imagenetSpec(int height, int width, double cropPct) {
  PreprocessSpec spec;
  spec.height = height;
  spec.width = width;
  spec.mean = {0.485f, 0.456f, 0.406f};
  spec.stddev = {0.229f, 0.224f, 0.225f};
  spec.cropPct = cropPct;
  return spec;
}

float normalised(uint8_t v, const PreprocessSpec& spec, int c) {
  return (static_cast<float>(v) / 255.0f - spec.mean[c]) / spec.stddev[c];
}

}  // namespace

class TestPreprocess : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void geometry_data() {
    QTest::addColumn<QSize>("source");  // width x height
    QTest::addColumn<QSize>("input");   // width x height of the spec
    QTest::addColumn<double>("cropPct");
    QTest::addColumn<QRectF>("sourceCrop");
    QTest::newRow("same size") << QSize(32, 32) << QSize(32, 32) << 1.0 << QRectF(0, 0, 32, 32);
    QTest::newRow("landscape shrink") << QSize(64, 48) << QSize(32, 32) << 1.0 << QRectF(8, 0, 48, 48);
    QTest::newRow("portrait shrink") << QSize(48, 64) << QSize(32, 32) << 1.0 << QRectF(0, 8, 48, 48);
    QTest::newRow("enlarge") << QSize(16, 8) << QSize(32, 32) << 1.0 << QRectF(4, 0, 8, 8);
    QTest::newRow("non-square input") << QSize(100, 100) << QSize(48, 32) << 1.0
                                      << QRectF(0, 16, 100, 65.9394);  // rows 16..83 scaled to 33, 32 kept
    QTest::newRow("crop 0.9") << QSize(300, 200) << QSize(224, 224) << 0.9 << QRectF(60, 10, 180, 180);
    QTest::newRow("crop 0.875 no resize") << QSize(256, 256) << QSize(224, 224) << 0.875 << QRectF(16, 16, 224, 224);
    QTest::newRow("very wide") << QSize(1000, 10) << QSize(32, 32) << 1.0 << QRectF(495, 0, 10, 10);
    // Only the cropped region is resized: a 100000 x 1 panorama needs a 448 x 224 intermediate, not 22 Mpx.
    QTest::newRow("panorama 100000x1") << QSize(100000, 1) << QSize(224, 224) << 1.0 << QRectF(49999.5, 0, 1, 1);
  }

  void geometry() {
    QFETCH(QSize, source);
    QFETCH(QSize, input);
    QFETCH(double, cropPct);
    QFETCH(QRectF, sourceCrop);
    const PreprocessSpec spec = imagenetSpec(input.height(), input.width(), cropPct);
    const PreparedImage prepared = vitlens::preprocessImage(randomRgb(source.width(), source.height(), 1), spec);
    QCOMPARE(prepared.input.type(), CV_32FC3);
    QCOMPARE(prepared.input.cols, input.width());
    QCOMPARE(prepared.input.rows, input.height());
    const cv::Rect2d& crop = prepared.sourceCrop;
    QVERIFY2(std::abs(crop.x - sourceCrop.x()) < 1e-3 && std::abs(crop.y - sourceCrop.y()) < 1e-3 &&
                 std::abs(crop.width - sourceCrop.width()) < 1e-3 && std::abs(crop.height - sourceCrop.height()) < 1e-3,
             qPrintable(QString("got %1 %2 %3 %4").arg(crop.x).arg(crop.y).arg(crop.width).arg(crop.height)));
    QVERIFY(crop.x >= 0 && crop.y >= 0 && crop.x + crop.width <= source.width() + 1e-9 &&
            crop.y + crop.height <= source.height() + 1e-9);
  }

  // Without resampling the input is exactly the normalised centre crop.
  void noResampleIsExact_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("inputSize");
    QTest::addColumn<double>("cropPct");
    QTest::newRow("32 -> 32") << 32 << 32 << 1.0;
    QTest::newRow("256 -> 224 at 0.875") << 256 << 224 << 0.875;
  }

  void noResampleIsExact() {
    QFETCH(int, size);
    QFETCH(int, inputSize);
    QFETCH(double, cropPct);
    const cv::Mat rgb = randomRgb(size, size, 2);
    const PreprocessSpec spec = imagenetSpec(inputSize, inputSize, cropPct);
    const PreparedImage prepared = vitlens::preprocessImage(rgb, spec);
    const int offset = (size - inputSize) / 2;
    for (int y = 0; y < inputSize; ++y) {
      for (int x = 0; x < inputSize; ++x) {
        const cv::Vec3b src = rgb.at<cv::Vec3b>(y + offset, x + offset);
        const cv::Vec3f got = prepared.input.at<cv::Vec3f>(y, x);
        for (int c = 0; c < 3; ++c) {
          if (got[c] != normalised(src[c], spec, c))
            QFAIL(qPrintable(QString("differs at %1,%2,%3").arg(y).arg(x).arg(c)));
        }
      }
    }
  }

  void constantImage_data() {
    QTest::addColumn<QSize>("source");
    QTest::newRow("no resize") << QSize(32, 32);
    QTest::newRow("shrink") << QSize(97, 61);
    QTest::newRow("enlarge") << QSize(10, 7);
  }

  void constantImage() {
    QFETCH(QSize, source);
    const cv::Mat rgb(source.height(), source.width(), CV_8UC3, cv::Scalar(255, 128, 0));  // R, G, B
    PreprocessSpec spec;                                                                   // mean 0.5, std 0.5
    const PreparedImage prepared = vitlens::preprocessImage(rgb, spec);
    const cv::Vec3f expected(1.0f, (128.0f / 255.0f - 0.5f) / 0.5f, -1.0f);
    for (int y = 0; y < prepared.input.rows; ++y) {
      for (int x = 0; x < prepared.input.cols; ++x) {
        const cv::Vec3f got = prepared.input.at<cv::Vec3f>(y, x);
        QVERIFY(cv::norm(got - expected) < 1e-6);
      }
    }
  }

  void invalidArguments() {
    const cv::Mat rgb = randomRgb(8, 8, 3);
    PreprocessSpec spec;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::preprocessImage(cv::Mat(), spec));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::preprocessImage(cv::Mat(8, 8, CV_8UC1), spec));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::preprocessImage(cv::Mat(8, 8, CV_32FC3), spec));
    PreprocessSpec bad = spec;
    bad.height = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::preprocessImage(rgb, bad));
    bad = spec;
    bad.cropPct = 0.0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::preprocessImage(rgb, bad));
    bad.cropPct = 1.5;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::preprocessImage(rgb, bad));
    bad = spec;
    bad.stddev[1] = 0.0f;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::preprocessImage(rgb, bad));
  }

  void tensorLayout() {
    const PreprocessSpec spec = imagenetSpec(24, 40, 1.0);
    PreparedImage prepared = vitlens::preprocessImage(randomRgb(50, 30, 4), spec);
    const cv::Mat original = prepared.input.clone();
    const at::Tensor tensor = vitlens::toInputTensor(prepared);
    QCOMPARE(tensor.dim(), int64_t{4});
    QCOMPARE(tensor.size(0), int64_t{1});
    QCOMPARE(tensor.size(1), int64_t{3});
    QCOMPARE(tensor.size(2), int64_t{24});
    QCOMPARE(tensor.size(3), int64_t{40});
    QVERIFY(tensor.scalar_type() == at::kFloat);
    QVERIFY(tensor.device().is_cpu());
    QVERIFY(tensor.is_contiguous());
    prepared.input.setTo(cv::Scalar(0, 0, 0));  // the tensor owns its memory
    const float* data = tensor.data_ptr<float>();
    for (int c = 0; c < 3; ++c) {
      for (int y = 0; y < 24; ++y) {
        for (int x = 0; x < 40; ++x) {
          if (data[(c * 24 + y) * 40 + x] != original.at<cv::Vec3f>(y, x)[c]) QFAIL("wrong CHW layout");
        }
      }
    }
  }

  void batch() {
    const PreprocessSpec spec = imagenetSpec(16, 16, 1.0);
    const std::vector<PreparedImage> images = {vitlens::preprocessImage(randomRgb(20, 20, 5), spec),
                                               vitlens::preprocessImage(randomRgb(16, 30, 6), spec)};
    const at::Tensor tensor = vitlens::toInputBatch(images);
    QCOMPARE(tensor.size(0), int64_t{2});
    QCOMPARE(tensor.size(1), int64_t{3});
    const float* data = tensor.data_ptr<float>();
    const int64_t plane = 16 * 16;
    QCOMPARE(data[3 * plane + 2 * plane + 5 * 16 + 7], images[1].input.at<cv::Vec3f>(5, 7)[2]);
    QCOMPARE(data[1 * plane + 3 * 16 + 4], images[0].input.at<cv::Vec3f>(3, 4)[1]);

    const PreparedImage other = vitlens::preprocessImage(randomRgb(20, 20, 7), imagenetSpec(8, 8, 1.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::toInputBatch({images[0], other}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::toInputBatch({}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::toInputTensor(PreparedImage{}));
  }
};

QTEST_MAIN(TestPreprocess)
#include "tst_preprocess.moc"

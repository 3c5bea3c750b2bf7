// Decoding user images: formats, colour order, gray/alpha/16-bit, EXIF orientation, bad and oversized files,
// header sniffing. All images are generated here with OpenCV's encoders.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "imaging/exif_orientation.h"
#include "imaging/image_decode.h"
#include "imaging/image_header.h"

#include "encoded_images.h"

using vitlens::ImageError;

namespace {

// 40 x 24, red on the left half and blue on the right, in OpenCV's BGR order.
cv::Mat redBlue() {
  cv::Mat bgr(24, 40, CV_8UC3, cv::Scalar(0, 0, 255));
  bgr(cv::Rect(20, 0, 20, 24)).setTo(cv::Scalar(255, 0, 0));
  return bgr;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const Bytes& bytes) {
  const QString path = dir.filePath(name);
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
  return path;
}

// The ImageError message thrown by `f`, or an empty string when it did not throw.
QString errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ImageError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

void put16(Bytes& b, uint32_t v, bool little) {
  b.push_back(static_cast<uint8_t>(little ? v : v >> 8));
  b.push_back(static_cast<uint8_t>(little ? v >> 8 : v));
}

void put32(Bytes& b, uint32_t v, bool little) {
  put16(b, little ? v & 0xFFFF : v >> 16, little);
  put16(b, little ? v >> 16 : v & 0xFFFF, little);
}

// A JPEG with an APP1 Exif segment holding only IFD0 with the orientation tag, inserted right after SOI.
Bytes withExifOrientation(const Bytes& jpeg, int orientation, bool little) {
  Bytes tiff = {static_cast<uint8_t>(little ? 'I' : 'M'), static_cast<uint8_t>(little ? 'I' : 'M')};
  put16(tiff, 42, little);
  put32(tiff, 8, little);  // IFD0 offset
  put16(tiff, 1, little);  // one entry
  put16(tiff, 0x0112, little);
  put16(tiff, 3, little);  // SHORT
  put32(tiff, 1, little);  // one value
  put16(tiff, static_cast<uint32_t>(orientation), little);
  put16(tiff, 0, little);  // padding of the value field
  put32(tiff, 0, little);  // no next IFD
  Bytes app1 = {0xFF, 0xE1};
  put16(app1, static_cast<uint32_t>(2 + 6 + tiff.size()), false);
  app1.insert(app1.end(), {'E', 'x', 'i', 'f', 0, 0});
  app1.insert(app1.end(), tiff.begin(), tiff.end());
  Bytes out(jpeg.begin(), jpeg.begin() + 2);
  out.insert(out.end(), app1.begin(), app1.end());
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

Bytes pngClaiming(uint32_t width, uint32_t height) {
  Bytes b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  put32(b, 13, false);
  b.insert(b.end(), {'I', 'H', 'D', 'R'});
  put32(b, width, false);
  put32(b, height, false);
  b.insert(b.end(), {8, 2, 0, 0, 0, 0, 0, 0, 0});  // depth, colour type, methods, (bogus) CRC
  b.resize(b.size() + 64, 0);
  return b;
}

Bytes jpegClaiming(uint32_t width, uint32_t height) {
  Bytes b = {0xFF, 0xD8, 0xFF, 0xC0};
  put16(b, 17, false);
  b.push_back(8);
  put16(b, height, false);
  put16(b, width, false);
  b.resize(b.size() + 64, 0);
  return b;
}

}  // namespace

class TestImageDecode : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void formats_data() {
    QTest::addColumn<QString>("ext");
    QTest::addColumn<int>("tolerance");
    QTest::newRow("png") << ".png" << 0;
    QTest::newRow("jpg") << ".jpg" << 40;
    QTest::newRow("bmp") << ".bmp" << 0;
    QTest::newRow("webp") << ".webp" << 40;
    QTest::newRow("tiff") << ".tiff" << 0;
  }

  void formats() {
    QFETCH(QString, ext);
    QFETCH(int, tolerance);
    if (!cv::haveImageWriter(ext.toStdString())) QSKIP("this OpenCV has no encoder for the format");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Bytes bytes = encode(redBlue(), ext.toStdString());
    const QString path = writeFile(dir, "image" + ext, bytes);
    const cv::Mat rgb = vitlens::decodeImageFile(path.toStdString());
    QCOMPARE(rgb.type(), CV_8UC3);
    QVERIFY(rgb.isContinuous());
    QCOMPARE(rgb.cols, 40);
    QCOMPARE(rgb.rows, 24);
    const cv::Vec3b left = rgb.at<cv::Vec3b>(12, 5), right = rgb.at<cv::Vec3b>(12, 34);
    QVERIFY2(std::abs(left[0] - 255) <= tolerance && left[2] <= tolerance, "left half must be red in RGB");
    QVERIFY2(std::abs(right[2] - 255) <= tolerance && right[0] <= tolerance, "right half must be blue in RGB");
  }

  void grayPng() {
    cv::Mat gray(8, 16, CV_8UC1);
    for (int x = 0; x < 16; ++x) gray.col(x).setTo(x * 16);
    const cv::Mat rgb = vitlens::decodeImageBytes(encode(gray, ".png"), "gray.png");
    QCOMPARE(rgb.type(), CV_8UC3);
    for (int x = 0; x < 16; ++x) QCOMPARE(rgb.at<cv::Vec3b>(3, x), cv::Vec3b(x * 16, x * 16, x * 16));
  }

  void alphaPng() {
    cv::Mat bgra(4, 4, CV_8UC4, cv::Scalar(0, 0, 0, 0));   // transparent black
    bgra.at<cv::Vec4b>(0, 0) = cv::Vec4b(255, 0, 0, 255);  // opaque blue
    bgra.at<cv::Vec4b>(1, 1) = cv::Vec4b(0, 0, 0, 128);    // half-transparent black
    const cv::Mat rgb = vitlens::decodeImageBytes(encode(bgra, ".png"), "alpha.png");
    QCOMPARE(rgb.at<cv::Vec3b>(3, 3), cv::Vec3b(255, 255, 255));
    QCOMPARE(rgb.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 255));
    const cv::Vec3b half = rgb.at<cv::Vec3b>(1, 1);
    QVERIFY(half[0] >= 126 && half[0] <= 128 && half[0] == half[1] && half[1] == half[2]);
  }

  void png16() {
    cv::Mat deep(2, 3, CV_16UC3, cv::Scalar(0, 0, 0));
    deep.at<cv::Vec3w>(0, 1) = cv::Vec3w(65535, 257 * 100, 0);  // BGR
    const cv::Mat rgb = vitlens::decodeImageBytes(encode(deep, ".png"), "deep.png");
    QCOMPARE(rgb.type(), CV_8UC3);
    QCOMPARE(rgb.at<cv::Vec3b>(0, 1), cv::Vec3b(0, 100, 255));
    QCOMPARE(rgb.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 0));
  }

  void toRgb8Depths() {
    cv::Mat floats(1, 3, CV_32FC1);
    floats.at<float>(0, 0) = -0.5f;
    floats.at<float>(0, 1) = 0.5f;
    floats.at<float>(0, 2) = 2.0f;
    const cv::Mat rgb = vitlens::toRgb8(floats);
    QCOMPARE(rgb.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 0));
    QCOMPARE(rgb.at<cv::Vec3b>(0, 1), cv::Vec3b(128, 128, 128));
    QCOMPARE(rgb.at<cv::Vec3b>(0, 2), cv::Vec3b(255, 255, 255));
    const cv::Mat rgbIn(1, 1, CV_8UC3, cv::Scalar(1, 2, 3));
    QCOMPARE(vitlens::toRgb8(rgbIn, false).at<cv::Vec3b>(0, 0), cv::Vec3b(1, 2, 3));
    QVERIFY(!errorOf([] { vitlens::toRgb8(cv::Mat(2, 2, CV_64FC1, cv::Scalar(0))); }).isEmpty());
    QVERIFY(!errorOf([] { vitlens::toRgb8(cv::Mat()); }).isEmpty());
  }

  void exifOrientation_data() {
    QTest::addColumn<int>("orientation");
    QTest::addColumn<QSize>("size");     // displayed width x height
    QTest::addColumn<QPoint>("marker");  // displayed (x, y) of stored pixel (x 11, y 5)
    QTest::newRow("1 upright") << 1 << QSize(48, 24) << QPoint(11, 5);
    QTest::newRow("2 flip horizontal") << 2 << QSize(48, 24) << QPoint(36, 5);
    QTest::newRow("3 rotate 180") << 3 << QSize(48, 24) << QPoint(36, 18);
    QTest::newRow("4 flip vertical") << 4 << QSize(48, 24) << QPoint(11, 18);
    QTest::newRow("5 transpose") << 5 << QSize(24, 48) << QPoint(5, 11);
    QTest::newRow("6 rotate 90 cw") << 6 << QSize(24, 48) << QPoint(18, 11);
    QTest::newRow("7 transverse") << 7 << QSize(24, 48) << QPoint(18, 36);
    QTest::newRow("8 rotate 90 ccw") << 8 << QSize(24, 48) << QPoint(5, 36);
  }

  void exifOrientation() {
    QFETCH(int, orientation);
    QFETCH(QSize, size);
    QFETCH(QPoint, marker);
    cv::Mat stored(24, 48, CV_8UC3, cv::Scalar(0, 0, 0));
    stored(cv::Rect(6, 0, 12, 12)).setTo(cv::Scalar(255, 255, 255));  // block centred on (11.5, 5.5)
    const Bytes jpeg =
        withExifOrientation(encode(stored, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95}), orientation, orientation % 2 == 0);
    QCOMPARE(vitlens::readExifOrientation(jpeg.data(), jpeg.size()), orientation);
    const cv::Mat rgb = vitlens::decodeImageBytes(jpeg, "exif.jpg");
    QCOMPARE(rgb.cols, size.width());
    QCOMPARE(rgb.rows, size.height());
    QVERIFY(rgb.at<cv::Vec3b>(marker.y(), marker.x())[0] > 200);
    cv::Mat gray;
    cv::extractChannel(rgb, gray, 0);
    const cv::Moments m = cv::moments(gray > 128, true);
    QCOMPARE(m.m00, 144.0);
    QVERIFY(std::abs(m.m10 / m.m00 - marker.x()) <= 1.0 && std::abs(m.m01 / m.m00 - marker.y()) <= 1.0);
  }

  // Cut and mutated metadata must never crash or read out of bounds (run under ASan in the asan preset).
  void malformedHeadersAreSafe() {
    const Bytes jpeg = withExifOrientation(encode(redBlue(), ".jpg"), 6, true);
    const Bytes png = encode(redBlue(), ".png");
    for (const Bytes* source : {&jpeg, &png}) {
      for (size_t n = 0; n <= std::min<size_t>(source->size(), 200); ++n) {
        const Bytes cut(source->begin(), source->begin() + static_cast<std::ptrdiff_t>(n));
        const int o = vitlens::readExifOrientation(cut.data(), cut.size());
        QVERIFY(o >= 1 && o <= 8);
        const auto size = vitlens::sniffImageSize(cut.data(), cut.size());
        QVERIFY(!size || (size->width == 40 && size->height == 24));
      }
    }
    std::mt19937 rng(7);
    for (int i = 0; i < 3000; ++i) {
      Bytes mutated = i % 2 ? jpeg : png;
      for (int k = 0; k < 4; ++k) mutated[rng() % std::min<size_t>(mutated.size(), 120)] = static_cast<uint8_t>(rng());
      const int o = vitlens::readExifOrientation(mutated.data(), mutated.size());
      QVERIFY(o >= 1 && o <= 8);
      (void)vitlens::sniffImageSize(mutated.data(), mutated.size());
    }
    QCOMPARE(vitlens::readExifOrientation(nullptr, 0), 1);
    QVERIFY(!vitlens::sniffImageSize(nullptr, 0));
  }

  void badFiles_data() {
    QTest::addColumn<Bytes>("bytes");
    std::mt19937 rng(1);
    Bytes random(4096);
    for (uint8_t& b : random) b = static_cast<uint8_t>(rng());
    const Bytes png = encode(redBlue(), ".png");
    const std::string text = "hello, this is not an image\n";
    QTest::newRow("random bytes") << random;
    QTest::newRow("png cut to 20 bytes") << Bytes(png.begin(), png.begin() + 20);
    QTest::newRow("empty file") << Bytes();
    QTest::newRow("text file") << Bytes(text.begin(), text.end());
  }

  void badFiles() {
    QFETCH(Bytes, bytes);
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "bad.png", bytes).toStdString();
    const QString message = errorOf([&] { vitlens::decodeImageFile(path); });
    QVERIFY2(message.contains(QString::fromStdString(path)), qPrintable(message));
  }

  void truncatedHalf_data() {
    QTest::addColumn<QString>("ext");
    QTest::newRow("png") << ".png";
    QTest::newRow("jpg") << ".jpg";
  }

  void truncatedHalf() {
    QFETCH(QString, ext);
    const Bytes full = encode(redBlue(), ext.toStdString());
    const Bytes half(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(full.size() / 2));
    // libjpeg would decode the part it has and grey out the rest: vitlens refuses instead.
    const QString message = errorOf([&] { vitlens::decodeImageBytes(half, "half"); });
    QVERIFY2(message.startsWith("half: "), qPrintable(message));
    // The whole file is fine, and so is one with bytes after its end (some cameras append data).
    QCOMPARE(vitlens::decodeImageBytes(full, "full").type(), CV_8UC3);
    Bytes trailing = full;
    trailing.insert(trailing.end(), 100, 0x42);
    QCOMPARE(vitlens::decodeImageBytes(trailing, "trailing").type(), CV_8UC3);
  }

  void missingAndDirectory() {
    QTemporaryDir dir;
    const std::string missing = dir.filePath("nope.png").toStdString();
    QCOMPARE(errorOf([&] { vitlens::decodeImageFile(missing); }), QString::fromStdString(missing + ": no such file"));
    const std::string directory = dir.path().toStdString();
    const QString message = errorOf([&] { vitlens::decodeImageFile(directory); });
    QVERIFY2(message.startsWith(QString::fromStdString(directory + ": ")), qPrintable(message));
    QCOMPARE(errorOf([] { vitlens::decodeImageBytes(Bytes(), "x.png"); }), QString("x.png: empty file"));
  }

  void oversized_data() {
    QTest::addColumn<Bytes>("bytes");
    QTest::newRow("png 20000 x 20000") << pngClaiming(20000, 20000);
    QTest::newRow("png 4e9 x 4e9") << pngClaiming(4'000'000'000u, 4'000'000'000u);
    QTest::newRow("jpeg 20000 x 20000") << jpegClaiming(20000, 20000);
  }

  void oversized() {
    QFETCH(Bytes, bytes);
    QElapsedTimer timer;
    timer.start();
    const QString message = errorOf([&] { vitlens::decodeImageBytes(bytes, "big.png"); });
    QVERIFY2(timer.elapsed() < 200, "must be refused from the header, before decoding");
    QVERIFY2(message.startsWith("big.png: image is ") && message.endsWith("above the 100 Mpx limit"),
             qPrintable(message));
  }

  void oversizedMessage() {
    const QString message = errorOf([] { vitlens::decodeImageBytes(pngClaiming(20000, 20000), "big.png"); });
    QCOMPARE(message, QString("big.png: image is 20000 x 20000 (400.0 Mpx), above the 100 Mpx limit"));
  }

  void sniff_data() {
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<QSize>("size");
    const cv::Mat image = redBlue();
    QTest::newRow("png") << encode(image, ".png") << QSize(40, 24);
    QTest::newRow("jpg") << encode(image, ".jpg") << QSize(40, 24);
    QTest::newRow("jpg with exif") << withExifOrientation(encode(image, ".jpg"), 6, false) << QSize(40, 24);
    QTest::newRow("bmp") << encode(image, ".bmp") << QSize(40, 24);
    QTest::newRow("tiff") << encode(image, ".tiff") << QSize(40, 24);
    if (cv::haveImageWriter(".webp")) {
      QTest::newRow("webp lossy") << encode(image, ".webp", {cv::IMWRITE_WEBP_QUALITY, 80}) << QSize(40, 24);
      QTest::newRow("webp lossless") << encode(image, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101}) << QSize(40, 24);
    }
    Bytes gif = {'G', 'I', 'F', '8', '9', 'a'};
    put16(gif, 300, true);
    put16(gif, 200, true);
    QTest::newRow("gif") << gif << QSize(300, 200);
    Bytes vp8x = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0};
    vp8x.insert(vp8x.end(), {0x1F, 0x03, 0x00, 0xC7, 0x00, 0x00});  // 800 x 200 (stored minus one)
    QTest::newRow("webp vp8x") << vp8x << QSize(800, 200);
    Bytes bmpTopDown = encode(image, ".bmp");
    const int32_t negative = -24;
    std::memcpy(&bmpTopDown[22], &negative, 4);  // little-endian host
    QTest::newRow("bmp top-down") << bmpTopDown << QSize(40, 24);
    QTest::newRow("png 20000") << pngClaiming(20000, 20000) << QSize(20000, 20000);
  }

  void sniff() {
    QFETCH(Bytes, bytes);
    QFETCH(QSize, size);
    const auto sniffed = vitlens::sniffImageSize(bytes.data(), bytes.size());
    QVERIFY(sniffed.has_value());
    QCOMPARE(sniffed->width, int64_t{size.width()});
    QCOMPARE(sniffed->height, int64_t{size.height()});
    for (size_t n : {size_t{0}, size_t{2}, size_t{8}}) {
      QVERIFY2(!vitlens::sniffImageSize(bytes.data(), n), "a cut header gives nullopt");
    }
  }

  void sniffUnknown() {
    const std::string text = "just some text, long enough to look at";
    QVERIFY(!vitlens::sniffImageSize(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  }
};

QTEST_MAIN(TestImageDecode)
#include "tst_image_decode.moc"

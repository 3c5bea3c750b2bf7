// A corpus of broken images made in the test from valid PNG, JPEG, BMP, WebP and TIFF files: truncations at many
// offsets, flipped header bytes, random corruption, absurd dimensions, zero length, misleading extensions. Each
// must decode to a sane image or fail with an ImageError that names the file: never a crash, a hang or a huge
// allocation.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <chrono>
#include <random>

#include "imaging/image_decode.h"

#include "encoded_images.h"
#include "process_memory.h"

#include <QtTest>

namespace {

struct Base {
  const char* name;
  Bytes bytes;
};

std::vector<Base> validFiles() {
  cv::Mat bgr(48, 64, CV_8UC3);
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(x * 4, y * 5, (x ^ y) * 8);
  cv::Mat gray16;
  cv::cvtColor(bgr, gray16, cv::COLOR_BGR2GRAY);
  gray16.convertTo(gray16, CV_16U, 250.0);
  cv::Mat bgra;
  cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
  return {{"png", encode(bgr, ".png")},
          {"png16", encode(gray16, ".png")},
          {"png-alpha", encode(bgra, ".png")},
          {"jpeg", encode(bgr, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 85})},
          {"jpeg-progressive", encode(bgr, ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1})},
          {"bmp", encode(bgr, ".bmp")},
          {"webp", encode(bgr, ".webp")},
          {"tiff", encode(bgr, ".tiff")}};
}

// Big-endian / little-endian 32-bit writes for forging header dimensions.
void putBE32(Bytes& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<uint8_t>(v >> (24 - 8 * i));
}
void putLE32(Bytes& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

// JPEG: the frame header's height and width (big-endian 16-bit after FF C0/C2 + length + precision).
bool forgeJpegSize(Bytes& b, uint16_t height, uint16_t width) {
  for (size_t i = 2; i + 9 < b.size(); ++i) {
    if (b[i] == 0xFF && (b[i + 1] == 0xC0 || b[i + 1] == 0xC2)) {
      b[i + 5] = static_cast<uint8_t>(height >> 8);
      b[i + 6] = static_cast<uint8_t>(height);
      b[i + 7] = static_cast<uint8_t>(width >> 8);
      b[i + 8] = static_cast<uint8_t>(width);
      return true;
    }
  }
  return false;
}

}  // namespace

class TestImageCorpus : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void brokenFile_data();
  void brokenFile();
  void wrongExtensionsAreIgnored();
  void cleanupTestCase();

 private:
  int64_t peakAtStart_ = 0;
  int decoded_ = 0;
  int refused_ = 0;
};

void TestImageCorpus::initTestCase() { peakAtStart_ = procStatusKb("VmHWM"); }

void TestImageCorpus::brokenFile_data() {
  QTest::addColumn<Bytes>("bytes");
  std::mt19937 random(2026);
  for (const Base& base : validFiles()) {
    const Bytes& full = base.bytes;
    // Truncations: every byte of the first 32, then 24 cuts spread over the rest.
    std::vector<size_t> cuts;
    for (size_t n = 0; n < 32 && n < full.size(); ++n) cuts.push_back(n);
    for (int k = 1; k <= 24; ++k) cuts.push_back(full.size() * static_cast<size_t>(k) / 25);
    cuts.push_back(full.size() - 1);
    for (size_t cut : cuts) {
      QTest::addRow("%s cut at %zu", base.name, cut) << Bytes(full.begin(), full.begin() + static_cast<long>(cut));
    }
    // Flipped bytes in the first 64 (the headers).
    for (size_t at = 0; at < 64 && at < full.size(); at += 3) {
      Bytes flipped = full;
      flipped[at] ^= 0xFF;
      QTest::addRow("%s flipped byte %zu", base.name, at) << flipped;
    }
    // Random corruption anywhere: 1, 8 or 64 bytes overwritten.
    for (int count : {1, 8, 64}) {
      for (int trial = 0; trial < 4; ++trial) {
        Bytes noisy = full;
        for (int i = 0; i < count; ++i) noisy[random() % noisy.size()] = static_cast<uint8_t>(random());
        QTest::addRow("%s %d random bytes #%d", base.name, count, trial) << noisy;
      }
    }
  }
  // Absurd dimensions in otherwise valid headers: refused before any pixel buffer is allocated.
  for (const Base& base : validFiles()) {
    Bytes forged = base.bytes;
    const std::string n = base.name;
    if (n == "png") {
      putBE32(forged, 16, 100000);  // IHDR width
      putBE32(forged, 20, 100000);  // IHDR height
    } else if (n == "bmp") {
      putLE32(forged, 18, 100000);
      putLE32(forged, 22, 100000);
    } else if (n == "jpeg") {
      QVERIFY(forgeJpegSize(forged, 65000, 65000));
    } else if (n == "png16") {
      putBE32(forged, 16, 0x7FFFFFFF);
      putBE32(forged, 20, 1);
    } else {
      continue;
    }
    QTest::addRow("%s claims huge dimensions", base.name) << forged;
  }
  QTest::newRow("zero length") << Bytes();
  QTest::newRow("one byte") << Bytes{0x89};
  QTest::newRow("png magic only") << Bytes{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  QTest::newRow("jpeg SOI + EOI") << Bytes{0xFF, 0xD8, 0xFF, 0xD9};
  QTest::newRow("bmp magic only") << Bytes{'B', 'M'};
  QTest::newRow("4 KiB of zeros") << Bytes(4096, 0);
  QTest::newRow("4 KiB of 0xFF") << Bytes(4096, 0xFF);
}

void TestImageCorpus::brokenFile() {
  QFETCH(Bytes, bytes);
  QElapsedTimer timer;
  timer.start();
  try {
    const cv::Mat rgb = vitlens::decodeImageBytes(bytes, "broken.img");
    QCOMPARE(rgb.type(), CV_8UC3);
    QVERIFY(rgb.rows > 0 && rgb.cols > 0);
    QVERIFY(static_cast<int64_t>(rgb.rows) * rgb.cols <= vitlens::kMaxImagePixels);
    ++decoded_;
  } catch (const vitlens::ImageError& e) {
    QVERIFY2(QString(e.what()).startsWith(QStringLiteral("broken.img: ")), e.what());
    ++refused_;
  }
  QVERIFY2(timer.elapsed() < 5000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
}

void TestImageCorpus::wrongExtensionsAreIgnored() {
  // The content decides, not the name: a PNG called .jpg, a JPEG called .bmp, a text file called .png.
  QTemporaryDir dir;
  const auto files = validFiles();
  const std::vector<std::pair<std::string, const Bytes*>> cases = {
      {"really-png.jpg", &files[0].bytes}, {"really-jpeg.bmp", &files[3].bytes}, {"really-webp.tiff", &files[6].bytes}};
  for (const auto& [name, bytes] : cases) {
    QFile file(dir.filePath(QString::fromStdString(name)));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(reinterpret_cast<const char*>(bytes->data()), static_cast<qint64>(bytes->size()));
    file.close();
    const cv::Mat rgb = vitlens::decodeImageFile(file.fileName().toStdString());
    QCOMPARE(rgb.size(), cv::Size(64, 48));
  }
  QFile text(dir.filePath(QStringLiteral("notes.png")));
  QVERIFY(text.open(QIODevice::WriteOnly));
  text.write("just some words\n");
  text.close();
  QVERIFY_THROWS_EXCEPTION(vitlens::ImageError, vitlens::decodeImageFile(text.fileName().toStdString()));
}

void TestImageCorpus::cleanupTestCase() {
  const int64_t growthMb = (procStatusKb("VmHWM") - peakAtStart_) / 1024;
  qInfo("%d broken files: %d decoded to a sane image, %d refused with a message; peak memory grew by %lld MB",
        decoded_ + refused_, decoded_, refused_, static_cast<long long>(growthMb));
  QVERIFY(decoded_ + refused_ >= 300);
  QVERIFY2(growthMb < 256, "a broken file made the decoder allocate a lot");
}

QTEST_MAIN(TestImageCorpus)
#include "tst_image_corpus.moc"

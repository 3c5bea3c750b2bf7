// The compute dtype: parsing, what `auto` picks, and that bfloat16 does not change what the user sees (top-1 and
// attention maps against float32), on the sample photos and, with VITLENS_CIFAR10_DIR set, on CIFAR-10 test images.
#include <opencv2/core.hpp>

#include <QDir>
#include <QtTest>

#include "engine/engine.h"
#include "imaging/image_decode.h"

using vitlens::ComputeDtype;

Q_DECLARE_METATYPE(ComputeDtype)

namespace {

QString samplePath(const char* name) { return QDir(QStringLiteral(VITLENS_SAMPLES_DIR)).filePath(QLatin1String(name)); }

// The built-in model (empty path), or an untrained cifar-seed file when this build has none.
QString testModelPath(const QTemporaryDir& dir) {
  if (vitlens::hasBuiltInModel()) return {};
  vitlens::ModelMeta meta;
  meta.config = vitlens::VitConfig::preset("cifar-seed");
  const QString path = dir.filePath(QStringLiteral("untrained.safetensors"));
  vitlens::writeUntrainedModel(path.toStdString(), meta, 3, "float32");
  return path;
}

struct Agreement {
  int images = 0;
  int sameTop1 = 0;
  double maxAttentionDifference = 0.0;  // raw class-token map of the last layer, mean of heads, and rollout
};

Agreement compare(vitlens::Engine& reference, vitlens::Engine& reduced, const QStringList& paths) {
  Agreement agreement;
  const vitlens::HeadSelection mean{vitlens::HeadReduce::Mean, 0};
  for (const QString& path : paths) {
    const cv::Mat rgb = vitlens::decodeImageFile(path.toStdString());
    const auto a = reference.analyse(rgb, 1, true);
    const auto b = reduced.analyse(rgb, 1, true);
    ++agreement.images;
    if (a.classification.top.at(0).index == b.classification.top.at(0).index) ++agreement.sameTop1;
    const int last = a.attention->layers() - 1;
    const cv::Mat mapA = a.attention->map(last, mean), mapB = b.attention->map(last, mean);
    const cv::Mat rollA = a.attention->rollout(vitlens::HeadReduce::Mean, 0.9);
    const cv::Mat rollB = b.attention->rollout(vitlens::HeadReduce::Mean, 0.9);
    if (mapB.type() != CV_32F || rollB.type() != CV_32F) throw std::runtime_error("attention is not float32");
    agreement.maxAttentionDifference = std::max(
        {agreement.maxAttentionDifference, cv::norm(mapA, mapB, cv::NORM_INF), cv::norm(rollA, rollB, cv::NORM_INF)});
  }
  return agreement;
}

}  // namespace

class TestComputeDtype : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void parse_data();
  void parse();
  void choose_data();
  void choose();
  void engineResolvesAuto();
  void bfloat16AgreesOnTheSamples();
  void bfloat16AgreesOnCifar10();

 private:
  QTemporaryDir dir_;
  QString model_;
};

void TestComputeDtype::initTestCase() { model_ = testModelPath(dir_); }

void TestComputeDtype::parse_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<int>("expected");  // -1: refused
  QTest::newRow("auto") << "auto" << int(ComputeDtype::Auto);
  QTest::newRow("float32") << "float32" << int(ComputeDtype::Float32);
  QTest::newRow("bf16") << "bf16" << int(ComputeDtype::BFloat16);
  QTest::newRow("float16") << "float16" << int(ComputeDtype::Float16);
  QTest::newRow("double") << "float64" << -1;
  QTest::newRow("empty") << "" << -1;
}

void TestComputeDtype::parse() {
  QFETCH(QString, text);
  QFETCH(int, expected);
  if (expected < 0) {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::parseComputeDtype(text.toStdString()));
    return;
  }
  const ComputeDtype parsed = vitlens::parseComputeDtype(text.toStdString());
  QCOMPARE(int(parsed), expected);
  QCOMPARE(vitlens::parseComputeDtype(vitlens::computeDtypeName(parsed)), parsed);  // names round-trip
}

void TestComputeDtype::choose_data() {
  QTest::addColumn<ComputeDtype>("requested");
  QTest::addColumn<QString>("device");
  QTest::addColumn<int>("width");
  QTest::addColumn<bool>("native");
  QTest::addColumn<QString>("expected");  // "throws" when refused
  QTest::newRow("auto, ViT-B on AMX") << ComputeDtype::Auto << "cpu" << 768 << true << "bfloat16";
  QTest::newRow("auto, ViT-B on AVX2") << ComputeDtype::Auto << "cpu" << 768 << false << "float32";
  QTest::newRow("auto, cifar-seed on AMX") << ComputeDtype::Auto << "cpu" << 48 << true << "float32";
  QTest::newRow("auto, ViT-S on AMX") << ComputeDtype::Auto << "cpu" << 384 << true << "bfloat16";
  QTest::newRow("auto on CUDA") << ComputeDtype::Auto << "cuda" << 768 << true << "float32";
  QTest::newRow("bfloat16 asked, AVX2") << ComputeDtype::BFloat16 << "cpu" << 48 << false << "bfloat16";
  QTest::newRow("float16 on CUDA") << ComputeDtype::Float16 << "cuda" << 768 << false << "float16";
  QTest::newRow("float16 on the CPU") << ComputeDtype::Float16 << "cpu" << 768 << true << "throws";
}

void TestComputeDtype::choose() {
  QFETCH(ComputeDtype, requested);
  QFETCH(QString, device);
  QFETCH(int, width);
  QFETCH(bool, native);
  QFETCH(QString, expected);
  if (expected == "throws") {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             vitlens::chooseComputeDtype(requested, device.toStdString(), width, native));
    return;
  }
  QCOMPARE(
      QString(vitlens::computeDtypeName(vitlens::chooseComputeDtype(requested, device.toStdString(), width, native))),
      expected);
}

void TestComputeDtype::engineResolvesAuto() {
  vitlens::Engine engine(model_.toStdString(), vitlens::DeviceChoice::Cpu);
  const bool wide = engine.meta().config.embedDim >= vitlens::kMinWidthForBf16;
  QCOMPARE(QString::fromStdString(engine.dtype()),
           QString(wide && vitlens::cpuHasNativeBf16() ? "bfloat16" : "float32"));
  vitlens::ModelLoadOptions options;
  options.dtype = ComputeDtype::Float16;
  QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                           vitlens::Engine(model_.toStdString(), vitlens::DeviceChoice::Cpu, options));
}

void TestComputeDtype::bfloat16AgreesOnTheSamples() {
  vitlens::ModelLoadOptions options;
  options.dtype = ComputeDtype::Float32;
  vitlens::Engine reference(model_.toStdString(), vitlens::DeviceChoice::Cpu, options);
  options.dtype = ComputeDtype::BFloat16;
  vitlens::Engine reduced(model_.toStdString(), vitlens::DeviceChoice::Cpu, options);
  QCOMPARE(reduced.dtype(), std::string("bfloat16"));
  QStringList paths;
  for (const char* name : {"chelsea.jpg", "coffee.jpg", "astronaut.jpg", "rocket.jpg", "camera.jpg"}) {
    paths << samplePath(name);
  }
  const Agreement agreement = compare(reference, reduced, paths);
  qInfo("bfloat16 vs float32 on the samples: top-1 %d / %d, max attention difference %.4f", agreement.sameTop1,
        agreement.images, agreement.maxAttentionDifference);
  QCOMPARE(agreement.sameTop1, agreement.images);
  QVERIFY(agreement.maxAttentionDifference < 0.05);  // maps are probabilities in [0, 1]
  QVERIFY(agreement.maxAttentionDifference > 0.0);   // it did compute in another precision
}

void TestComputeDtype::bfloat16AgreesOnCifar10() {
  const QString root = qEnvironmentVariable("VITLENS_CIFAR10_DIR");
  if (root.isEmpty() || !QDir(root + "/test").exists()) QSKIP("set VITLENS_CIFAR10_DIR to a CIFAR-10 image folder");
  QStringList paths;
  for (const QString& label : QDir(root + "/test").entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    const QDir folder(root + "/test/" + label);
    const QStringList files = folder.entryList({"*.jpg", "*.png"}, QDir::Files, QDir::Name);
    for (int i = 0; i < files.size() && i < 100; ++i) paths << folder.filePath(files[i]);
  }
  vitlens::ModelLoadOptions options;
  options.dtype = ComputeDtype::Float32;
  vitlens::Engine reference(model_.toStdString(), vitlens::DeviceChoice::Cpu, options);
  options.dtype = ComputeDtype::BFloat16;
  vitlens::Engine reduced(model_.toStdString(), vitlens::DeviceChoice::Cpu, options);
  const Agreement agreement = compare(reference, reduced, paths);
  qInfo("bfloat16 vs float32 on %d CIFAR-10 test images: top-1 agreement %.4f, max attention difference %.4f",
        agreement.images, double(agreement.sameTop1) / agreement.images, agreement.maxAttentionDifference);
  QVERIFY(agreement.sameTop1 >= 0.99 * agreement.images);
}

QTEST_MAIN(TestComputeDtype)
#include "tst_compute_dtype.moc"

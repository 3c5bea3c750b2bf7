// The compute dtype: parsing, what `auto` picks, and that bfloat16 and int8 do not change what the user sees (top-1 and
// attention maps against float32), on the sample photos and, with VITLENS_CIFAR10_DIR set, on CIFAR-10 test images.
#include <opencv2/core.hpp>

#include <QDir>
#include <QtTest>

#include "engine/engine.h"
#include "imaging/image_decode.h"
#include "model/runtime.h"

#include <sched.h>

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

// The five sample photos the agreement checks use.
QStringList samplePhotos() {
  QStringList paths;
  for (const char* name : {"chelsea.jpg", "coffee.jpg", "astronaut.jpg", "rocket.jpg", "camera.jpg"}) {
    paths << samplePath(name);
  }
  return paths;
}

// The first 100 test images of each CIFAR-10 class under VITLENS_CIFAR10_DIR; empty when it is not set.
QStringList cifarTestImages() {
  const QString root = qEnvironmentVariable("VITLENS_CIFAR10_DIR");
  QStringList paths;
  if (root.isEmpty() || !QDir(root + "/test").exists()) return paths;
  for (const QString& label : QDir(root + "/test").entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    const QDir folder(root + "/test/" + label);
    const QStringList files = folder.entryList({"*.jpg", "*.png"}, QDir::Files, QDir::Name);
    for (int i = 0; i < files.size() && i < 100; ++i) paths << folder.filePath(files[i]);
  }
  return paths;
}

// `model` computing in `dtype` against the same model in float32, on `paths`.
Agreement againstFloat32(const QString& model, ComputeDtype dtype, const QStringList& paths) {
  vitlens::ModelLoadOptions options;
  options.dtype = ComputeDtype::Float32;
  vitlens::Engine reference(model.toStdString(), vitlens::DeviceChoice::Cpu, options);
  options.dtype = dtype;
  vitlens::Engine reduced(model.toStdString(), vitlens::DeviceChoice::Cpu, options);
  if (reduced.dtype() != vitlens::computeDtypeName(dtype)) throw std::runtime_error("the dtype was not taken");
  return compare(reference, reduced, paths);
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
  void reducedPrecisionAgreesOnAWideModel_data();
  void reducedPrecisionAgreesOnAWideModel();
  void int8AgreesOnTheSamples();
  void int8AgreesOnCifar10();
  void threadsFollowTheDtype();

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
  QTest::newRow("int8") << "int8" << int(ComputeDtype::Int8);
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
  QTest::addColumn<bool>("amx");
  QTest::addColumn<QString>("expected");  // "throws" when refused
  QTest::newRow("auto, ViT-B on AMX") << ComputeDtype::Auto << "cpu" << 768 << true << "bfloat16";
  QTest::newRow("auto, ViT-B on AVX2 or AVX-512 BF16") << ComputeDtype::Auto << "cpu" << 768 << false << "int8";
  QTest::newRow("auto, cifar-seed on AVX2") << ComputeDtype::Auto << "cpu" << 48 << false << "float32";
  QTest::newRow("int8 asked, CPU") << ComputeDtype::Int8 << "cpu" << 48 << true << "int8";
  QTest::newRow("int8 on CUDA") << ComputeDtype::Int8 << "cuda" << 768 << false << "throws";
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
  QFETCH(bool, amx);
  QFETCH(QString, expected);
  if (expected == "throws") {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             vitlens::chooseComputeDtype(requested, device.toStdString(), width, amx));
    return;
  }
  QCOMPARE(QString(vitlens::computeDtypeName(vitlens::chooseComputeDtype(requested, device.toStdString(), width, amx))),
           expected);
}

void TestComputeDtype::engineResolvesAuto() {
  vitlens::Engine engine(model_.toStdString(), vitlens::DeviceChoice::Cpu);
  const bool wide = engine.meta().config.embedDim >= vitlens::kMinWidthForBf16;
  QCOMPARE(QString::fromStdString(engine.dtype()), QString(!wide                            ? "float32"
                                                           : vitlens::cpuFeatures().amxBf16 ? "bfloat16"
                                                                                            : "int8"));
  QVERIFY(QString::fromStdString(engine.dtypeReason()).startsWith(QString::fromStdString(engine.dtype()) + ":"));
  vitlens::ModelLoadOptions options;
  options.dtype = ComputeDtype::Float16;
  QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                           vitlens::Engine(model_.toStdString(), vitlens::DeviceChoice::Cpu, options));
}

void TestComputeDtype::bfloat16AgreesOnTheSamples() {
  const Agreement agreement = againstFloat32(model_, ComputeDtype::BFloat16, samplePhotos());
  qInfo("bfloat16 vs float32 on the samples: top-1 %d / %d, max attention difference %.4f", agreement.sameTop1,
        agreement.images, agreement.maxAttentionDifference);
  QCOMPARE(agreement.sameTop1, agreement.images);
  QVERIFY(agreement.maxAttentionDifference < 0.05);  // maps are probabilities in [0, 1]
  QVERIFY(agreement.maxAttentionDifference > 0.0);   // it did compute in another precision
}

void TestComputeDtype::bfloat16AgreesOnCifar10() {
  const QStringList paths = cifarTestImages();
  if (paths.isEmpty()) QSKIP("set VITLENS_CIFAR10_DIR to a CIFAR-10 image folder");
  const Agreement agreement = againstFloat32(model_, ComputeDtype::BFloat16, paths);
  qInfo("bfloat16 vs float32 on %d CIFAR-10 test images: top-1 agreement %.4f, max attention difference %.4f",
        agreement.images, double(agreement.sameTop1) / agreement.images, agreement.maxAttentionDifference);
  QVERIFY(agreement.sameTop1 >= 0.99 * agreement.images);
}

// A ViT-S-wide random model on the samples: bfloat16 and int8 (the recipes auto picks for such widths) against
// float32, top-1 and the captured attention. Random models have near-ties, so one disagreement is allowed; both
// must differ from float32 at all (they really ran in another precision).
void TestComputeDtype::reducedPrecisionAgreesOnAWideModel_data() {
  QTest::addColumn<ComputeDtype>("dtype");
  QTest::newRow("bfloat16") << ComputeDtype::BFloat16;
  QTest::newRow("int8") << ComputeDtype::Int8;
}

void TestComputeDtype::reducedPrecisionAgreesOnAWideModel() {
  QFETCH(ComputeDtype, dtype);
  vitlens::ModelMeta meta;
  meta.config = vitlens::VitConfig::preset("cifar-seed");
  meta.config.embedDim = 384;
  meta.config.numHeads = 6;
  meta.config.mlpDim = 1536;
  meta.config.depth = 2;
  const QString path = dir_.filePath(QStringLiteral("wide.safetensors"));
  vitlens::writeUntrainedModel(path.toStdString(), meta, 11, "float32");
  const Agreement agreement = againstFloat32(path, dtype, samplePhotos());
  qInfo("%s vs float32, random 384-wide model: top-1 %d / %d, max attention difference %.4f",
        vitlens::computeDtypeName(dtype), agreement.sameTop1, agreement.images, agreement.maxAttentionDifference);
  QVERIFY(agreement.sameTop1 >= agreement.images - 1);
  QVERIFY(agreement.maxAttentionDifference < 0.05);
  QVERIFY(agreement.maxAttentionDifference > 0.0);
}

void TestComputeDtype::int8AgreesOnTheSamples() {
  const Agreement agreement = againstFloat32(model_, ComputeDtype::Int8, samplePhotos());
  qInfo("int8 vs float32 on the samples: top-1 %d / %d, max attention difference %.4f", agreement.sameTop1,
        agreement.images, agreement.maxAttentionDifference);
  QCOMPARE(agreement.sameTop1, agreement.images);
  QVERIFY(agreement.maxAttentionDifference < 0.05);
  QVERIFY(agreement.maxAttentionDifference > 0.0);
}

// The bar for int8: >= 98 % top-1 agreement for the built-in model on 1000 CIFAR-10 test images.
void TestComputeDtype::int8AgreesOnCifar10() {
  const QStringList paths = cifarTestImages();
  if (paths.isEmpty()) QSKIP("set VITLENS_CIFAR10_DIR to a CIFAR-10 image folder");
  const Agreement agreement = againstFloat32(model_, ComputeDtype::Int8, paths);
  qInfo("int8 vs float32 on %d CIFAR-10 test images: top-1 agreement %.4f, max attention difference %.4f",
        agreement.images, double(agreement.sameTop1) / agreement.images, agreement.maxAttentionDifference);
  QVERIFY(agreement.sameTop1 >= 0.98 * agreement.images);
}

namespace {
int callingThreadCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  return sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : -1;
}
}  // namespace

// bfloat16 and int8 give LibTorch's pool every core and pin it, one thread per core; float32 gives OpenBLAS the
// cores and unpins the calling thread again (OpenBLAS threads it starts inherit its CPU set).
void TestComputeDtype::threadsFollowTheDtype() {
  const int cores = callingThreadCores();
  if (cores < 2 || vitlens::defaultThreads() < 2) QSKIP("needs two cores");
  if (qEnvironmentVariableIsSet("OMP_PROC_BIND")) QSKIP("OMP_PROC_BIND set: vitlens leaves binding to it");
  vitlens::configureThreads(0, 768, ComputeDtype::BFloat16);
  QCOMPARE(vitlens::currentThreads(), vitlens::defaultThreads());
  QCOMPARE(callingThreadCores(), 1);
  QCOMPARE(vitlens::bindComputeThreads(), vitlens::defaultThreads());  // every thread of the team, again
  vitlens::configureThreads(0, 768, ComputeDtype::Float32);
  QCOMPARE(callingThreadCores(), cores);
  if (vitlens::blasThreadCount() > 0) {  // OpenBLAS loaded (Debian's LibTorch)
    QCOMPARE(vitlens::currentThreads(), 1);
    QCOMPARE(vitlens::blasThreadCount(), vitlens::defaultThreads());
  }
  vitlens::configureThreads(0, 48, ComputeDtype::Float32, 64);  // narrow model, large batch: LibTorch's pool
  QCOMPARE(vitlens::currentThreads(), vitlens::defaultThreads());
  vitlens::configureThreads(0, 48, ComputeDtype::Float32, 1);  // narrow model, one image: one thread
  QCOMPARE(vitlens::currentThreads(), 1);
  QCOMPARE(callingThreadCores(), cores);
}

QTEST_MAIN(TestComputeDtype)
#include "tst_compute_dtype.moc"

// Model, label and image files built to hurt: FIFOs and devices where files belong, a sparse 3.5 GB file, a header
// of 100,000 entries, NaN weights and absurd normalisation, requests whose attention would need far more memory
// than the machine has, head counts and labels that do not fit, and TIFF headers that disagree with the decoder.
// Each must be refused quickly, with a message that names the file and what is wrong, and lose nothing.
#include <ATen/ops/full.h>
#include <ATen/ops/zeros.h>
#include <torch/utils.h>

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

// Torch-reaching project headers before Qt's (pytorch/pytorch#19405).
#include "engine/engine.h"
#include "engine/error_text.h"
#include "imaging/image_decode.h"
#include "imaging/image_header.h"
#include "model/memory_estimate.h"
#include "model/model_file.h"
#include "model/model_source.h"
#include "model/safetensors.h"
#include "training/evaluation.h"

#include <QtTest>

#include "process_memory.h"

using namespace vitlens;
namespace fs = std::filesystem;

namespace {

QString interop(const char* name) { return QStringLiteral(VITLENS_FIXTURES_DIR "/interop/") + QLatin1String(name); }

std::string messageOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::exception& error) {
    return errorMessage(error);
  }
  return "(no error)";
}

#define QVERIFY_REFUSED(action, expected)                                                     \
  do {                                                                                        \
    const std::string message_ = messageOf([&] { action; });                                  \
    QVERIFY2(QString::fromStdString(message_).contains(QString(expected)), message_.c_str()); \
  } while (false)

ModelMeta tinyMeta() {
  ModelMeta meta;
  meta.config.patchSize = 8;
  meta.config.embedDim = 16;
  meta.config.depth = 1;
  meta.config.numHeads = 2;
  meta.config.mlpDim = 32;
  meta.name = "tiny";
  return meta;
}

// A tiny model file whose tensors `edit` may change before it is written.
std::string writeTinyModel(const QTemporaryDir& dir, const char* name, const ModelMeta& meta,
                           const std::function<void(VisionTransformer&)>& edit = {}) {
  torch::manual_seed(1);
  VisionTransformer model(meta.config);
  if (edit) {
    torch::NoGradGuard noGrad;
    edit(model);
  }
  const std::string path = dir.filePath(QLatin1String(name)).toStdString();
  saveModelFile(path, model, meta);
  return path;
}

void copyFolder(const QString& from, const QString& to) {
  fs::create_directories(to.toStdString());
  for (const auto& entry : fs::directory_iterator(from.toStdString())) {
    fs::copy_file(entry.path(), fs::path(to.toStdString()) / entry.path().filename(),
                  fs::copy_options::overwrite_existing);
  }
}

// A little-endian TIFF header with one IFD holding these (tag, type, value) entries.
std::vector<uint8_t> tiffWith(const std::vector<std::array<uint32_t, 3>>& entries) {
  std::vector<uint8_t> bytes{'I', 'I', 42, 0, 8, 0, 0, 0};
  const auto put16 = [&](uint32_t v) { bytes.push_back(v & 0xFF), bytes.push_back((v >> 8) & 0xFF); };
  const auto put32 = [&](uint32_t v) { put16(v & 0xFFFF), put16(v >> 16); };
  put16(static_cast<uint32_t>(entries.size()));
  for (const auto& [tag, type, value] : entries) {
    put16(tag);
    put16(type);
    put32(1);
    if (type == 3) {
      put16(value);
      put16(0);
    } else {
      put32(value);
    }
  }
  put32(0);
  return bytes;
}

}  // namespace

class TestHostileModels : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void cleanup() { setMemoryLimit(0); }
  void fifosAndDevicesRefused_data();
  void fifosAndDevicesRefused();
  void sparseHugeFileRefusedCheaply();
  void headerOf100kEntriesParsesInLinearTime();
  void absurdShapesGiveShortMessages();
  void nonFiniteAndAbsurdValuesRefused_data();
  void nonFiniteAndAbsurdValuesRefused();
  void overflowingForwardIsAnError();
  void memoryEstimateRefusesHugeRequests();
  void memoryEstimateSaneForRealModels();
  void memoryLimitOverride();
  void headsThatDoNotDivideAreErrors();
  void duplicateId2labelIndexIsError();
  void mismatchedQueryKeyValueNamed();
  void repeatedTiffSizeTagsRefused();
  void messagesStayShortAndPlain();

 private:
  QTemporaryDir dir_;
  std::string good_;
};

void TestHostileModels::initTestCase() {
  QVERIFY(dir_.isValid());
  good_ = writeTinyModel(dir_, "good.safetensors", tinyMeta());
  QCOMPARE(::mkfifo(dir_.filePath("fifo.safetensors").toLocal8Bit().constData(), 0600), 0);
  QCOMPARE(::mkfifo(dir_.filePath("labels.fifo").toLocal8Bit().constData(), 0600), 0);
  QCOMPARE(::mkfifo(dir_.filePath("image.png").toLocal8Bit().constData(), 0600), 0);
  // A Hugging Face folder whose model.safetensors is a FIFO beside a real config.json.
  QVERIFY(QDir(dir_.path()).mkdir("hf_fifo"));
  QVERIFY(QFile::copy(interop("hf_classifier/config.json"), dir_.filePath("hf_fifo/config.json")));
  QCOMPARE(::mkfifo(dir_.filePath("hf_fifo/model.safetensors").toLocal8Bit().constData(), 0600), 0);
}

void TestHostileModels::fifosAndDevicesRefused_data() {
  QTest::addColumn<QString>("model");
  QTest::addColumn<QString>("labels");
  QTest::addColumn<QString>("expected");
  QTest::newRow("FIFO as the model") << "fifo.safetensors"
                                     << ""
                                     << "FIFO";
  QTest::newRow("FIFO model.safetensors beside config.json") << "hf_fifo/config.json"
                                                             << ""
                                                             << "FIFO";
  QTest::newRow("FIFO model in a folder") << "hf_fifo"
                                          << ""
                                          << "FIFO";
  QTest::newRow("/dev/zero as the model") << "/dev/zero"
                                          << ""
                                          << "character device";
  QTest::newRow("FIFO as the labels") << "good.safetensors"
                                      << "labels.fifo"
                                      << "FIFO";
  QTest::newRow("/dev/zero as the labels") << "good.safetensors"
                                           << "/dev/zero"
                                           << "character device";
}

void TestHostileModels::fifosAndDevicesRefused() {
  QFETCH(QString, model);
  QFETCH(QString, labels);
  QFETCH(QString, expected);
  const auto resolve = [&](const QString& name) { return name.startsWith('/') ? name : dir_.filePath(name); };
  ModelLoadOptions options;
  if (!labels.isEmpty()) options.labelsFile = resolve(labels).toStdString();
  // Before the fix each of these blocked forever (or read /dev/zero until memory ran out).
  QVERIFY_REFUSED(loadAnyModel(resolve(model).toStdString(), c10::Device(c10::kCPU), options), expected);
  QVERIFY_REFUSED(decodeImageFile(dir_.filePath("image.png").toStdString()), "FIFO");
}

void TestHostileModels::sparseHugeFileRefusedCheaply() {
  // 3.5 GB of zeros (sparse: no disk used): header length 0, so the header cannot be valid JSON.
  const std::string path = dir_.filePath("sparse.safetensors").toStdString();
  { std::ofstream touch(path); }
  QCOMPARE(::truncate(path.c_str(), 3'500'000'000LL), 0);
  const int64_t peakBefore = procStatusKb("VmHWM");
  QVERIFY_REFUSED(readSafetensors(path), "header is not valid JSON");
  const int64_t grownKb = procStatusKb("VmHWM") - peakBefore;
  QVERIFY2(grownKb < 64 * 1024, qPrintable(QString("peak memory grew by %1 kB").arg(grownKb)));  // was 3.6 GB
}

void TestHostileModels::headerOf100kEntriesParsesInLinearTime() {
  // n empty tensors: a valid header of 36 bytes each. nlohmann's callback parser took 17 s for 40,000 entries.
  const auto headerOf = [](int entries) {
    std::string header = "{";
    for (int i = 0; i < entries; ++i) {
      header +=
          (i ? ",\"t" : "\"t") + std::to_string(i) + "\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}";
    }
    header += "}";
    std::vector<uint8_t> file(8 + header.size());
    for (int i = 0; i < 8; ++i) file[static_cast<size_t>(i)] = static_cast<uint8_t>(uint64_t(header.size()) >> (8 * i));
    std::memcpy(file.data() + 8, header.data(), header.size());
    return file;
  };
  // 100,000 entries: refused while parsing (more tensors than any ViT has), in well under a second.
  const std::vector<uint8_t> many = headerOf(100000);
  QElapsedTimer timer;
  timer.start();
  QVERIFY_REFUSED(parseSafetensors(many.data(), many.size(), "many.safetensors"), "more than 16384 tensors");
  const qint64 refusedMs = timer.elapsed();
  // 16,000 entries, just under the limit: parsed whole.
  const std::vector<uint8_t> most = headerOf(16000);
  timer.restart();
  QCOMPARE(parseSafetensors(most.data(), most.size(), "most.safetensors").tensors.size(), size_t(16000));
  const qint64 parsedMs = timer.elapsed();
  qInfo("100,000 header entries refused in %lld ms; 16,000 parsed in %lld ms", refusedMs, parsedMs);
  QVERIFY2(refusedMs < 1000 && parsedMs < 1000, qPrintable(QString("%1 ms, %2 ms").arg(refusedMs).arg(parsedMs)));
  // Duplicate names are still caught without the callback.
  const std::string duplicate =
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"
      "\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}";
  std::vector<uint8_t> twice(8 + duplicate.size());
  twice[0] = static_cast<uint8_t>(duplicate.size());
  std::memcpy(twice.data() + 8, duplicate.data(), duplicate.size());
  QVERIFY_REFUSED(parseSafetensors(twice.data(), twice.size(), "twice"), "duplicate tensor name 'a'");
}

void TestHostileModels::absurdShapesGiveShortMessages() {
  std::string shape = "[";
  for (int i = 0; i < 100000; ++i) shape += i ? ",1" : "1";
  const std::string header = "{\"w\":{\"dtype\":\"F32\",\"shape\":" + shape + "],\"data_offsets\":[0,4]}}";
  std::vector<uint8_t> file(8 + header.size() + 4);
  for (int i = 0; i < 8; ++i) file[static_cast<size_t>(i)] = static_cast<uint8_t>(uint64_t(header.size()) >> (8 * i));
  std::memcpy(file.data() + 8, header.data(), header.size());
  const std::string message = messageOf([&] { parseSafetensors(file.data(), file.size(), "deep.safetensors"); });
  QVERIFY2(message.find("100000 dimensions") != std::string::npos, message.c_str());
  QVERIFY2(message.size() < 300, message.c_str());  // was a 300 KB message
  // Three million values in a 6 MB header: refused while parsing, before the DOM costs hundreds of megabytes.
  std::string zeros = "[";
  for (int i = 0; i < 3'000'000; ++i) zeros += i ? ",0" : "0";
  const std::string big = "{\"w\":{\"dtype\":\"F32\",\"shape\":" + zeros + "],\"data_offsets\":[0,0]}}";
  std::vector<uint8_t> bigFile(8 + big.size());
  for (int i = 0; i < 8; ++i) bigFile[static_cast<size_t>(i)] = static_cast<uint8_t>(uint64_t(big.size()) >> (8 * i));
  std::memcpy(bigFile.data() + 8, big.data(), big.size());
  const int64_t peakBefore = procStatusKb("VmHWM");
  QVERIFY_REFUSED(parseSafetensors(bigFile.data(), bigFile.size(), "values.safetensors"),
                  "more than 2000000 JSON values");
  const int64_t grownKb = procStatusKb("VmHWM") - peakBefore;
  QVERIFY2(grownKb < 400 * 1024, qPrintable(QString("peak memory grew by %1 kB").arg(grownKb)));
}

void TestHostileModels::nonFiniteAndAbsurdValuesRefused_data() {
  QTest::addColumn<QString>("what");
  QTest::addColumn<QString>("expected");
  QTest::newRow("NaN weight") << "nan"
                              << "'blocks.0.mlp.fc1.weight' holds 1 NaN or infinite";
  QTest::newRow("Inf weight") << "inf"
                              << "'pos_embed' holds 2 NaN or infinite";
  QTest::newRow("mean 1e29") << "mean"
                             << "normalisation mean";
  QTest::newRow("std 1e-30") << "std"
                             << "normalisation std";
  QTest::newRow("std denormal") << "denormal"
                                << "normalisation std";
}

void TestHostileModels::nonFiniteAndAbsurdValuesRefused() {
  QFETCH(QString, what);
  QFETCH(QString, expected);
  ModelMeta meta = tinyMeta();
  if (what == "mean") meta.mean = {1e29f, 0.5f, 0.5f};
  if (what == "std") meta.stddev = {0.5f, 1e-30f, 0.5f};
  if (what == "denormal") meta.stddev = {1e-40f, 0.5f, 0.5f};
  const std::string path = writeTinyModel(dir_, "bad.safetensors", meta, [&](VisionTransformer& model) {
    for (auto& item : model->named_parameters()) {
      if (what == "nan" && item.key() == "blocks.0.mlp.fc1.weight") item.value().view(-1)[3] = NAN;
      if (what == "inf" && item.key() == "pos_embed") item.value().view(-1).narrow(0, 0, 2).fill_(-INFINITY);
    }
  });
  QVERIFY_REFUSED(loadAnyModel(path, c10::Device(c10::kCPU)), expected);
  QVERIFY_REFUSED(Engine(path, DeviceChoice::Cpu), expected);
}

void TestHostileModels::overflowingForwardIsAnError() {
  // Every weight at 3e38 is finite, but the first product overflows: the result must be an error, not "nan %".
  const std::string path = writeTinyModel(dir_, "overflow.safetensors", tinyMeta(), [](VisionTransformer& model) {
    for (auto& item : model->named_parameters()) item.value().fill_(3e38f);
  });
  Engine engine(path, DeviceChoice::Cpu);
  const cv::Mat rgb(32, 32, CV_8UC3, cv::Scalar(200, 30, 90));
  QVERIFY_REFUSED(engine.analyse(rgb, 3, true), "NaN or infinite values for this image");
}

void TestHostileModels::memoryEstimateRefusesHugeRequests() {
  // A 1-layer model of a few kB whose 256 x 256 input at patch 1 makes 65,537 tokens: one head's attention alone
  // is 17 GB. The machine (24 GB) cannot hold three of them: refused at load, with the figures, no allocation.
  ModelMeta meta = tinyMeta();
  meta.config.imageHeight = meta.config.imageWidth = 256;
  meta.config.patchSize = 1;
  const std::string path = writeTinyModel(dir_, "tokens.safetensors", meta);
  const std::string message = messageOf([&] { loadAnyModel(path, c10::Device(c10::kCPU)); });
  QVERIFY2(message.find("65537 tokens") != std::string::npos && message.find("needs about") != std::string::npos &&
               message.find("GB") != std::string::npos,
           message.c_str());
  // The built-in kind of model at --input-size 1024 (patch 4: 65,536 patches, 4 heads, 4 layers; about 200 GB of
  // attention): refused before the position embeddings are even resampled.
  ModelMeta cifar;
  cifar.config = VitConfig::preset("cifar-seed");
  const std::string cifarPath = writeTinyModel(dir_, "cifar.safetensors", cifar);
  ModelLoadOptions bigger;
  bigger.inputHeight = bigger.inputWidth = 1024;
  QVERIFY_REFUSED(loadAnyModel(cifarPath, c10::Device(c10::kCPU), bigger),
                  "65537 tokens, 4 layers x 4 heads) needs about");
}

void TestHostileModels::memoryEstimateSaneForRealModels() {
  // ViT-B/16 at 224 with every map kept: 12 x 12 x 197^2 floats = 22 MB of attention; well under 100 MB in all.
  const VitConfig base = VitConfig::preset("vit-b16");
  const uint64_t captured = estimatePassBytes(base, 1, PassKind::InferenceCaptured);
  QVERIFY2(captured > 22'000'000 && captured < 100'000'000, std::to_string(captured).c_str());
  QVERIFY(estimatePassBytes(base, 1, PassKind::Inference) < captured);
  // ViT-L/16 at 384 (577 tokens, 24 layers x 16 heads): about half a GB of attention when every map is kept.
  VitConfig large = VitConfig::preset("vit-l16");
  large.imageHeight = large.imageWidth = 384;
  const uint64_t largeCaptured = estimatePassBytes(large, 1, PassKind::InferenceCaptured);
  QVERIFY2(largeCaptured > 500'000'000 && largeCaptured < 1'000'000'000, std::to_string(largeCaptured).c_str());
  // Training keeps every layer: batch 256 of cifar-seed is a few hundred MB, never refused here.
  const uint64_t training = estimatePassBytes(VitConfig::preset("cifar-seed"), 256, PassKind::Training);
  QVERIFY2(training > 50'000'000 && training < 1'000'000'000, std::to_string(training).c_str());
  Engine engine(good_, DeviceChoice::Cpu);  // an ordinary model still runs
  QVERIFY(engine.analyse(cv::Mat(40, 40, CV_8UC3, cv::Scalar(1, 2, 3)), 1, true).attention != nullptr);
}

void TestHostileModels::memoryLimitOverride() {
  QCOMPARE(parseMemorySize("8G"), uint64_t(8'000'000'000));
  QCOMPARE(parseMemorySize("512M"), uint64_t(512'000'000));
  QCOMPARE(parseMemorySize("1.5G"), uint64_t(1'500'000'000));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseMemorySize("lots"));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseMemorySize("-1G"));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseMemorySize("nanG"));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseMemorySize("0.4"));  // would round to 0: no limit
  Engine engine(good_, DeviceChoice::Cpu);
  const cv::Mat image(40, 40, CV_8UC3, cv::Scalar(1, 2, 3));
  // The tiny model needs a few kB without the maps and a little more with them: a limit between the two allows
  // classifying and refuses the captured pass.
  const uint64_t plain = estimatePassBytes(tinyMeta().config, 1, PassKind::Inference);
  const uint64_t captured = estimatePassBytes(tinyMeta().config, 1, PassKind::InferenceCaptured);
  QVERIFY(plain < captured);
  setMemoryLimit(plain);
  QVERIFY(!engine.analyse(image, 1, false).classification.top.empty());
  QVERIFY_REFUSED(engine.analyse(image, 1, true), "attention kept for every layer) needs about");
  setMemoryLimit(1000);
  QVERIFY_REFUSED(Engine(good_, DeviceChoice::Cpu), "1 kB is available (MemAvailable, or --memory-limit");
}

void TestHostileModels::headsThatDoNotDivideAreErrors() {
  ModelLoadOptions five;
  five.heads = 5;  // the timm fixture is 64 wide
  QVERIFY_REFUSED(loadAnyModel(interop("timm_bare/model.safetensors").toStdString(), c10::Device(c10::kCPU), five),
                  "5 heads (from --heads) do not divide the width 64");
  // A vitlens file says its heads; --heads contradicting it is an error, not ignored.
  QVERIFY_REFUSED(loadAnyModel(good_, c10::Device(c10::kCPU), five), "--heads 5 contradicts the model file");
  // timm config.json num_heads that does not divide.
  const QString folder = dir_.filePath("timm_heads");
  copyFolder(interop("timm_token"), folder);
  QFile config(folder + "/config.json");
  QVERIFY(config.open(QIODevice::ReadOnly));
  nlohmann::json json = nlohmann::json::parse(config.readAll().toStdString());
  config.close();
  json["model_args"]["num_heads"] = 3;
  QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
  config.write(QByteArray::fromStdString(json.dump()));
  config.close();
  QVERIFY_REFUSED(loadAnyModel(folder.toStdString(), c10::Device(c10::kCPU)), "3 heads (from config.json)");
}

void TestHostileModels::duplicateId2labelIndexIsError() {
  const QString folder = dir_.filePath("hf_labels");
  copyFolder(interop("hf_classifier"), folder);
  QFile config(folder + "/config.json");
  QVERIFY(config.open(QIODevice::ReadOnly));
  nlohmann::json json = nlohmann::json::parse(config.readAll().toStdString());
  config.close();
  json["id2label"] = {{"0", "red"}, {"00", "crimson"}, {"2", "blue"}};  // three keys, class 1 never named
  QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
  config.write(QByteArray::fromStdString(json.dump()));
  config.close();
  QVERIFY_REFUSED(loadAnyModel(folder.toStdString(), c10::Device(c10::kCPU)), "names class 0 twice");
}

void TestHostileModels::mismatchedQueryKeyValueNamed() {
  const QString folder = dir_.filePath("hf_qkv");
  copyFolder(interop("hf_classifier"), folder);
  const std::string weights = (folder + "/model.safetensors").toStdString();
  SafetensorsContent content = readSafetensors(weights);
  bool changed = false;
  for (auto& [name, tensor] : content.tensors) {
    if (name.find("layer.0.attention.attention.key.weight") != std::string::npos) {
      tensor = tensor.narrow(0, 0, tensor.size(0) - 8).clone();
      changed = true;
    }
  }
  QVERIFY(changed);
  writeSafetensors(weights, content.tensors, content.metadata, StorageDtype::F32);
  QVERIFY_REFUSED(loadAnyModel(folder.toStdString(), c10::Device(c10::kCPU)),
                  "layer 0 attention key weight has shape [24, 32] but its query weight has [32, 32]");
}

void TestHostileModels::repeatedTiffSizeTagsRefused() {
  // libtiff uses the first ImageWidth/ImageLength: a check reading the last one could be fooled both ways.
  const auto bigLast = tiffWith({{256, 3, 64}, {257, 3, 64}, {256, 4, 30000}, {257, 4, 30000}});
  const auto bigFirst = tiffWith({{256, 4, 30000}, {257, 4, 30000}, {256, 3, 64}, {257, 3, 64}});
  QVERIFY(!sniffImageSize(bigLast.data(), bigLast.size()).has_value());
  QVERIFY(!sniffImageSize(bigFirst.data(), bigFirst.size()).has_value());
  QVERIFY_REFUSED(decodeImageBytes(bigFirst, "twice.tif"), "TIFF image is corrupt");
  const auto single = tiffWith({{256, 3, 64}, {257, 3, 48}});
  const auto size = sniffImageSize(single.data(), single.size());
  QVERIFY(size.has_value());
  QCOMPARE(size->width, int64_t(64));
  QCOMPARE(size->height, int64_t(48));
}

void TestHostileModels::messagesStayShortAndPlain() {
  // 1,000 labels and a folder that is none of them: a few names and a count, not all 1,000.
  std::vector<std::string> labels;
  for (int i = 0; i < 1000; ++i) labels.push_back("class_number_" + std::to_string(i));
  const std::string message = messageOf([&] { matchFoldersToLabels({"zebra"}, labels); });
  QVERIFY2(message.size() < 400 && message.find("and 992 more") != std::string::npos, message.c_str());
  // libstdc++'s "filesystem error: ..." becomes "path: reason".
  const std::string vanished =
      errorMessage(fs::filesystem_error("directory iterator cannot open directory", fs::path("/data/gone"),
                                        std::make_error_code(std::errc::no_such_file_or_directory)));
  QCOMPARE(vanished, std::string("/data/gone: No such file or directory"));
  // LibTorch's backtrace is dropped.
  try {
    at::zeros({2, 3}).view({7});
    QFAIL("view should have thrown");
  } catch (const std::exception& error) {
    const std::string text = errorMessage(error);
    QVERIFY2(text.find("Exception raised from") == std::string::npos && text.size() < 400, text.c_str());
  }
}

QTEST_MAIN(TestHostileModels)
#include "tst_hostile_models.moc"

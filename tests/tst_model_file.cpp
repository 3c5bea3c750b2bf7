// vitlens model files: save/load round trips per storage dtype, metadata, and files that do not fit the config.
#include <torch/utils.h>

#include <QFile>

#include <malloc.h>
#include <functional>
#include <string>

#include "model/model_file.h"
#include "model/model_source.h"
#include "process_memory.h"
#include "util/malloc_tuning.h"

#include <QtTest>

using vitlens::ModelMeta;
using vitlens::StorageDtype;
using vitlens::VisionTransformer;
using vitlens::VitConfig;

Q_DECLARE_METATYPE(StorageDtype)

namespace {

using TensorList = std::vector<std::pair<std::string, torch::Tensor>>;
using Editor = std::function<void(TensorList&, std::map<std::string, std::string>&)>;

ModelMeta cifarMeta() {
  ModelMeta meta;
  meta.config = VitConfig::preset("cifar-seed");
  meta.name = "cifar-seed test";
  meta.labels = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
  meta.mean = {0.4914f, 0.4822f, 0.4465f};
  meta.stddev = {0.2470f, 0.2435f, 0.2616f};
  meta.cropPct = 0.875;
  meta.provenance = {{"recipe", "unit test"}, {"epochs", "0"}, {"note", "quotes \" and \xc3\xa9"}};
  return meta;
}

}  // namespace

class TestModelFile : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void roundTrip_data();
  void roundTrip();
  void metaDefaults();
  void broken_data();
  void broken();
  void noMetadataOpensAsBareTimm();
  void missingFileThrows();
  void saveRejectsMismatchedMeta();
  void loadingHoldsTheWeightsOnce_data();
  void loadingHoldsTheWeightsOnce();

 private:
  QTemporaryDir dir_;
};

void TestModelFile::initTestCase() {
  QVERIFY(dir_.isValid());
  torch::manual_seed(42);
}

void TestModelFile::roundTrip_data() {
  QTest::addColumn<StorageDtype>("dtype");
  QTest::addColumn<double>("tolerance");
  QTest::newRow("F32") << StorageDtype::F32 << 0.0;
  QTest::newRow("F16") << StorageDtype::F16 << 2e-3;
  QTest::newRow("BF16") << StorageDtype::BF16 << 2e-2;
}

void TestModelFile::roundTrip() {
  QFETCH(StorageDtype, dtype);
  QFETCH(double, tolerance);
  torch::NoGradGuard noGrad;
  const auto meta = cifarMeta();
  VisionTransformer model(meta.config);
  model->eval();
  const auto path = dir_.filePath(QString("model-%1.safetensors").arg(QTest::currentDataTag())).toStdString();
  vitlens::saveModelFile(path, model, meta, dtype);

  auto loaded = vitlens::loadAnyModel(path, torch::kCPU);
  QVERIFY(!loaded.model->is_training());
  QVERIFY(loaded.meta.config == meta.config);
  QCOMPARE(loaded.meta.name, meta.name);
  QCOMPARE(loaded.meta.labels, meta.labels);
  QCOMPARE(loaded.meta.label(3), std::string("cat"));
  QCOMPARE(loaded.meta.mean, meta.mean);
  QCOMPARE(loaded.meta.stddev, meta.stddev);
  QCOMPARE(loaded.meta.cropPct, meta.cropPct);
  QCOMPARE(loaded.meta.provenance, meta.provenance);

  const auto images = torch::randn({3, 3, 32, 32});
  const auto expected = model->forward(images).logits;
  const auto actual = loaded.model->forward(images).logits;
  const double error = (actual - expected).abs().max().item<double>();
  if (dtype == StorageDtype::F32) {
    QVERIFY(actual.equal(expected));
  } else {
    QVERIFY2(error <= tolerance * std::max(1.0, expected.abs().max().item<double>()),
             qPrintable(QString::number(error)));
  }
}

void TestModelFile::metaDefaults() {
  ModelMeta meta;
  QCOMPARE(meta.label(4), std::string("class 4"));
  const auto metadata = meta.toMetadata();
  QCOMPARE(metadata.at("format"), std::string("vitlens"));
  QCOMPARE(metadata.at("format_version"), std::string("1"));
  QCOMPARE(metadata.at("labels"), std::string("[]"));
  const auto back = ModelMeta::fromMetadata(metadata);
  QVERIFY(back.labels.empty());
  QVERIFY(back.config == meta.config);
}

void TestModelFile::broken_data() {
  QTest::addColumn<Editor>("edit");
  QTest::addColumn<QStringList>("mustContain");
  const auto drop = [](const std::string& name) {
    return Editor([name](TensorList& tensors, std::map<std::string, std::string>&) {
      tensors.erase(
          std::remove_if(tensors.begin(), tensors.end(), [&](const auto& item) { return item.first == name; }),
          tensors.end());
    });
  };
  QTest::newRow("missing tensor") << drop("blocks.1.mlp.fc2.bias") << QStringList{"'blocks.1.mlp.fc2.bias'", "missing"};
  QTest::newRow("missing cls_token") << drop("cls_token") << QStringList{"'cls_token'", "missing"};
  QTest::newRow("wrong shape") << Editor([](TensorList& tensors, std::map<std::string, std::string>&) {
    for (auto& item : tensors) {
      if (item.first == "head.weight") item.second = torch::zeros({9, 48});
    }
  }) << QStringList{"'head.weight'", "[9, 48]", "[10, 48]"};
  QTest::newRow("extra tensor") << Editor([](TensorList& tensors, std::map<std::string, std::string>&) {
    tensors.emplace_back("fc_norm.weight", torch::ones({48}));
  }) << QStringList{"'fc_norm.weight'", "unexpected"};
  QTest::newRow("bad config") << Editor([](TensorList&, std::map<std::string, std::string>& metadata) {
    metadata["config"] = R"({"patch_size": 5})";
  }) << QStringList{"'config'", "patch_size"};
  QTest::newRow("labels count") << Editor([](TensorList&, std::map<std::string, std::string>& metadata) {
    metadata["labels"] = R"(["a", "b"])";
  }) << QStringList{"'labels'"};
  QTest::newRow("std zero") << Editor([](TensorList&, std::map<std::string, std::string>& metadata) {
    metadata["std"] = "[0.2, 0, 0.2]";
  }) << QStringList{"'std'"};
  QTest::newRow("crop_pct") << Editor([](TensorList&, std::map<std::string, std::string>& metadata) {
    metadata["crop_pct"] = "1.5";
  }) << QStringList{"'crop_pct'"};
  QTest::newRow("crop_pct tiny") << Editor([](TensorList&, std::map<std::string, std::string>& metadata) {
    metadata["crop_pct"] = "0.001";
  }) << QStringList{"'crop_pct'"};
  QTest::newRow("config far larger than the weights")
      << Editor([](TensorList&, std::map<std::string, std::string>& metadata) {
           metadata["config"] = VitConfig::preset("vit-l16").toJson();
           metadata["labels"] = "[]";
         })
      << QStringList{"parameters", "file holds"};
  QTest::newRow("format") << Editor([](TensorList&, std::map<std::string, std::string>& metadata) {
    metadata["format"] = "pt";
  }) << QStringList{"'format'"};
}

void TestModelFile::noMetadataOpensAsBareTimm() {
  // With one loading path, a vitlens file stripped of its metadata is what it then is: a bare timm state dict
  // (the removed vitlens-only loader refused it). Its architecture comes from the tensors, heads from a guess.
  const auto meta = cifarMeta();
  VisionTransformer model(meta.config);
  TensorList tensors;
  for (const auto& item : model->named_parameters()) tensors.emplace_back(item.key(), item.value());
  const auto path = dir_.filePath("bare.safetensors").toStdString();
  vitlens::writeSafetensors(path, tensors, {}, StorageDtype::F32);
  const vitlens::LoadedModel loaded = vitlens::loadAnyModel(path, torch::kCPU);
  QCOMPARE(loaded.meta.config.embedDim, meta.config.embedDim);
  QCOMPARE(loaded.meta.config.depth, meta.config.depth);
  QCOMPARE(loaded.meta.provenance.at("format"), std::string("timm"));
  QVERIFY(!loaded.notes.empty());  // says the heads were guessed
}

void TestModelFile::broken() {
  QFETCH(Editor, edit);
  QFETCH(QStringList, mustContain);
  const auto meta = cifarMeta();
  VisionTransformer model(meta.config);
  TensorList tensors;
  for (const auto& item : model->named_parameters()) tensors.emplace_back(item.key(), item.value());
  auto metadata = meta.toMetadata();
  edit(tensors, metadata);
  const auto path = dir_.filePath("broken.safetensors").toStdString();
  vitlens::writeSafetensors(path, tensors, metadata, StorageDtype::F32);
  try {
    vitlens::loadAnyModel(path, torch::kCPU);
    QFAIL("no exception");
  } catch (const std::runtime_error& e) {
    const QString message = e.what();
    QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), e.what());
    for (const auto& part : mustContain) QVERIFY2(message.contains(part), e.what());
  }
}

void TestModelFile::missingFileThrows() {
  const auto path = dir_.filePath("absent.safetensors").toStdString();
  try {
    vitlens::loadAnyModel(path, torch::kCPU);
    QFAIL("no exception");
  } catch (const vitlens::SafetensorsError& e) {
    QVERIFY2(QString(e.what()).contains(QString::fromStdString(path)), e.what());
    QVERIFY2(QString(e.what()).contains("No such file"), e.what());
  }
}

void TestModelFile::saveRejectsMismatchedMeta() {
  VisionTransformer model(VitConfig::preset("cifar-seed"));
  ModelMeta meta;
  meta.config.depth = 2;
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                           vitlens::saveModelFile(dir_.filePath("x.safetensors").toStdString(), model, meta));
}

void TestModelFile::loadingHoldsTheWeightsOnce_data() {
  QTest::addColumn<bool>("withMetadata");
  QTest::addColumn<bool>("mallocTuned");
  QTest::newRow("vitlens file") << true << false;
  QTest::newRow("bare timm checkpoint") << false << false;
  // Last: the apps' malloc setting stays for the rest of the process.
  QTest::newRow("vitlens file, malloc tuned as the apps") << true << true;
}

// The loader maps the file and copies each tensor into the model, giving the file's pages back as it goes
// (util/file_mapping.h): the peak over the load is about the weights once, where reading then copying held them
// twice. Measured with /proc/self/status's VmHWM, reset just before the load (clear_refs 5), over the load and the
// weights' re-layout that Engine does next (in place: a new copy of each weight left the old ones as holes in the
// heap, 1.7x the weights); and so again with the apps' malloc setting (util/malloc_tuning.h), which keeps more of
// the heap.
void TestModelFile::loadingHoldsTheWeightsOnce() {
  QFETCH(bool, withMetadata);
  QFETCH(bool, mallocTuned);
#if defined(__SANITIZE_ADDRESS__)
  QSKIP("ASan's allocator keeps freed memory in quarantine: peak memory is not the loader's here");
#endif
  const std::string path = dir_.filePath("vit-s16.safetensors").toStdString();
  int64_t weightBytes = 0;
  {
    ModelMeta meta;
    meta.config = VitConfig::preset("vit-s16");  // 22 M parameters, 88 MB in float32
    meta.name = "memory test";
    VisionTransformer model(meta.config);
    TensorList tensors;
    for (const auto& item : model->named_parameters()) {
      tensors.emplace_back(item.key(), item.value());
      weightBytes += static_cast<int64_t>(item.value().nbytes());
    }
    vitlens::writeSafetensors(path, tensors, withMetadata ? meta.toMetadata() : std::map<std::string, std::string>{},
                              StorageDtype::F32);
  }
  if (mallocTuned && vitlens::tuneMallocForLargeTensors() != vitlens::MallocTuning::Applied) {
    QSKIP("the malloc setting is not applied in this environment");
  }
  malloc_trim(0);  // what the model above left in glibc's free lists is not the load's
  QFile clear(QStringLiteral("/proc/self/clear_refs"));
  if (!clear.open(QIODevice::WriteOnly) || clear.write("5") != 1) QSKIP("cannot reset the peak RSS here");
  clear.close();
  const int64_t beforeKb = procStatusKb("VmRSS");
  vitlens::LoadedModel loaded = vitlens::loadAnyModel(path, torch::kCPU);
  loaded.model->setComputeDtype(vitlens::ComputeDtype::Float32);  // as Engine: each Linear's weight re-laid out
  const int64_t peakKb = procStatusKb("VmHWM");
  QCOMPARE(loaded.model->parameterCount() * 4, weightBytes);
  const double ratio = static_cast<double>(peakKb - beforeKb) * 1024.0 / static_cast<double>(weightBytes);
  qInfo("load peak %.1f MB over %.1f MB of weights: %.2fx", (peakKb - beforeKb) / 1024.0, weightBytes / 1e6, ratio);
  QVERIFY2(ratio <= 1.2, qPrintable(QStringLiteral("the load held %1x the weights").arg(ratio)));
}

QTEST_MAIN(TestModelFile)
#include "tst_model_file.moc"

// Public checkpoints (timm, DeiT, registers, Hugging Face) against an independent float64 re-implementation of
// each layout (tests/fixtures/make_interop.py): what loads, how it is configured, and that logits and every
// layer's attention match; plus the refusals for broken or disagreeing checkpoints.
#include <ATen/ops/cat.h>
#include <torch/utils.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <opencv2/core.hpp>

#include "engine/engine.h"
#include "model/checkpoint_import.h"
#include "model/model_source.h"
#include "model/safetensors.h"

#include <QtTest>

namespace fs = std::filesystem;
using vitlens::NamedTensors;

namespace {

std::string fixture(const std::string& name) { return std::string(VITLENS_FIXTURES_DIR) + "/interop/" + name; }

// |a - b| <= 1e-4 * max(1, |b|), as a QVERIFY2 message when it fails; empty when it holds.
QString relativeExcess(const at::Tensor& actual, const at::Tensor& expected) {
  if (actual.sizes() != expected.sizes()) return "shapes differ";
  const auto bound = expected.abs().clamp_min(1.0) * 1e-4;
  const double excess = ((actual - expected).abs() - bound).max().item<double>();
  return excess <= 0.0 ? QString() : QString("off by %1 beyond the bound").arg(excess);
}

std::string readText(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeText(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

bool contains(const std::vector<std::string>& notes, const std::string& part) {
  for (const auto& note : notes) {
    if (note.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

class TestInterop : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void matchesReference_data();
  void matchesReference();
  void configuredFromTheFiles_data();
  void configuredFromTheFiles();
  void otherInputSizeInterpolatesPositions();
  void headsOption();
  void imagenetLabelsForUnlabelledModels();
  void prefixTokensInTheEngine();
  void headsFromArchitectureName_data();
  void headsFromArchitectureName();
  void refusesBrokenCheckpoints_data();
  void refusesBrokenCheckpoints();

 private:
  QTemporaryDir dir_;
};

void TestInterop::matchesReference_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("openWhat");  // the folder, the weights file, or config.json
  for (const char* name : {"timm_token", "timm_avg", "timm_cls_avg", "deit_distilled", "timm_reg", "timm_features",
                           "timm_bare", "hf_classifier", "hf_model"}) {
    QTest::newRow(name) << QString(name) << QString("folder");
  }
  QTest::newRow("timm_reg via weights") << QString("timm_reg") << QString("weights");
  QTest::newRow("hf_classifier via config.json") << QString("hf_classifier") << QString("config");
  QTest::newRow("deit_distilled via config.json") << QString("deit_distilled") << QString("config");
}

void TestInterop::matchesReference() {
  QFETCH(QString, name);
  QFETCH(QString, openWhat);
  const std::string folder = fixture(name.toStdString());
  if (!fs::exists(folder + "/model.safetensors")) QFAIL("fixture missing: run tests/fixtures/make_interop.py");
  const std::string path = openWhat == "folder"    ? folder
                           : openWhat == "weights" ? folder + "/model.safetensors"
                                                   : folder + "/config.json";
  torch::NoGradGuard noGrad;
  auto loaded = vitlens::loadAnyModel(path, torch::kCPU);
  const auto expected = vitlens::readSafetensors(folder + "/expected.safetensors");
  const at::Tensor& input = *expected.find("input");
  auto output = loaded.model->forward(input, /*captureAttention=*/true);
  auto fast = loaded.model->forward(input);

  if (const at::Tensor* logits = expected.find("logits")) {
    QVERIFY(output.logits.defined());
    const QString error = relativeExcess(output.logits, *logits);
    QVERIFY2(error.isEmpty(), qPrintable("logits " + error));
    const QString fastError = relativeExcess(fast.logits, *logits);
    QVERIFY2(fastError.isEmpty(), qPrintable("fast-path logits " + fastError));
    QVERIFY(logits->abs().max().item<double>() > 0.1);
  } else {
    QVERIFY(!output.logits.defined());  // no head: a feature extractor
    const QString error = relativeExcess(output.features, *expected.find("features"));
    QVERIFY2(error.isEmpty(), qPrintable("features " + error));
  }
  QCOMPARE(static_cast<int64_t>(output.attention.size()), loaded.meta.config.depth);
  for (size_t layer = 0; layer < output.attention.size(); ++layer) {
    const at::Tensor& reference = *expected.find("attn." + std::to_string(layer));
    QCOMPARE(output.attention[layer].sizes().vec(), reference.sizes().vec());
    const double error = (output.attention[layer] - reference).abs().max().item<double>();
    QVERIFY2(error <= 1e-5, qPrintable(QString("layer %1 attention off by %2").arg(layer).arg(error)));
  }
  const double posError = (loaded.model->pos_embed - *expected.find("pos_embed")).abs().max().item<double>();
  QVERIFY2(posError <= 1e-6, qPrintable(QString("pos_embed off by %1").arg(posError)));
}

void TestInterop::configuredFromTheFiles_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("expected");  // prefix tokens, heads, HxW, classes, pooling, flags, first label
  QTest::newRow("timm_token") << "timm_token"
                              << "1 4 32x32 5 token - apple";
  QTest::newRow("timm_avg") << "timm_avg"
                            << "0 3 32x48 4 avg - north";
  QTest::newRow("timm_cls_avg") << "timm_cls_avg"
                                << "1 2 32x32 3 avg - low";
  QTest::newRow("deit_distilled") << "deit_distilled"
                                  << "2 4 32x32 6 token distill a";
  QTest::newRow("timm_reg") << "timm_reg"
                            << "5 4 56x56 7 token reg4,noembed,ls mon";
  QTest::newRow("timm_features") << "timm_features"
                                 << "1 4 32x32 0 token - -";
  QTest::newRow("timm_bare") << "timm_bare"
                             << "1 1 32x32 3 token - -";
  QTest::newRow("hf_classifier") << "hf_classifier"
                                 << "1 4 32x32 3 token - red";
  QTest::newRow("hf_model") << "hf_model"
                            << "1 2 32x32 0 token - -";
}

void TestInterop::configuredFromTheFiles() {
  QFETCH(QString, name);
  QFETCH(QString, expected);
  const auto loaded = vitlens::loadAnyModel(fixture(name.toStdString()), torch::kCPU);
  const vitlens::VitConfig& c = loaded.meta.config;
  QString flags;
  if (c.distillToken) flags += "distill,";
  if (c.regTokens > 0) flags += QString("reg%1,").arg(c.regTokens);
  if (c.noEmbedClass) flags += "noembed,";
  if (c.layerScale) flags += "ls,";
  flags = flags.isEmpty() ? "-" : flags.chopped(1);
  const QString label = loaded.meta.labels.empty() ? "-" : QString::fromStdString(loaded.meta.labels[0]);
  const QString actual = QString("%1 %2 %3x%4 %5 %6 %7 %8")
                             .arg(c.numPrefixTokens())
                             .arg(c.numHeads)
                             .arg(c.imageHeight)
                             .arg(c.imageWidth)
                             .arg(c.numClasses)
                             .arg(c.pooling == vitlens::Pooling::Token ? "token" : "avg")
                             .arg(flags, label);
  QCOMPARE(actual, expected);
}

void TestInterop::otherInputSizeInterpolatesPositions() {
  const std::string folder = fixture("timm_token");
  vitlens::ModelLoadOptions options;
  options.inputHeight = 40;
  options.inputWidth = 48;
  torch::NoGradGuard noGrad;
  auto loaded = vitlens::loadAnyModel(folder, torch::kCPU, options);
  QCOMPARE(loaded.meta.config.gridHeight(), int64_t(5));
  QCOMPARE(loaded.meta.config.gridWidth(), int64_t(6));
  QVERIFY(contains(loaded.notes, "interpolated (bicubic) from 4x4 to 5x6 patches"));
  const auto expected = vitlens::readSafetensors(folder + "/expected.safetensors");
  const double posError = (loaded.model->pos_embed - *expected.find("resized.pos_embed")).abs().max().item<double>();
  QVERIFY2(posError <= 1e-5, qPrintable(QString("resampled pos_embed off by %1").arg(posError)));
  auto output = loaded.model->forward(*expected.find("resized.input"), true);
  const QString error = relativeExcess(output.logits, *expected.find("resized.logits"));
  QVERIFY2(error.isEmpty(), qPrintable("logits " + error));
  for (size_t layer = 0; layer < output.attention.size(); ++layer) {
    const double attnError =
        (output.attention[layer] - *expected.find("resized.attn." + std::to_string(layer))).abs().max().item<double>();
    QVERIFY2(attnError <= 1e-5, qPrintable(QString("layer %1 attention off by %2").arg(layer).arg(attnError)));
  }
  options.inputWidth = 50;  // not a multiple of the patch
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, vitlens::loadAnyModel(folder, torch::kCPU, options));
}

void TestInterop::headsOption() {
  vitlens::ModelLoadOptions options;
  const auto guessed = vitlens::loadAnyModel(fixture("timm_bare"), torch::kCPU, options);
  QCOMPARE(guessed.meta.config.numHeads, int64_t(1));  // width 64 / 64
  QVERIFY(contains(guessed.notes, "guess"));
  options.heads = 4;
  auto told = vitlens::loadAnyModel(fixture("timm_bare"), torch::kCPU, options);
  QCOMPARE(told.meta.config.numHeads, int64_t(4));
  QVERIFY(contains(told.notes, "--heads"));
  const auto output = told.model->forward(torch::zeros({1, 3, 32, 32}), true);
  QCOMPARE(output.attention[0].size(1), int64_t(4));
}

void TestInterop::imagenetLabelsForUnlabelledModels() {
  // A bare 1000-class timm file, written here from a random model.
  vitlens::VitConfig config = vitlens::VitConfig::preset("cifar-seed");
  config.numClasses = 1000;
  vitlens::VisionTransformer model(config);
  NamedTensors tensors;
  for (const auto& item : model->named_parameters()) tensors.emplace_back(item.key(), item.value());
  const std::string path = dir_.filePath("imagenet1k.safetensors").toStdString();
  vitlens::writeSafetensors(path, tensors, {{"format", "pt"}}, vitlens::StorageDtype::F16);
  auto loaded = vitlens::loadAnyModel(path, torch::kCPU);
  QCOMPARE(loaded.meta.labels.size(), size_t(1000));
  QCOMPARE(loaded.meta.labels[0], std::string("tench"));
  QCOMPARE(loaded.meta.labels[999], std::string("toilet tissue"));
  QVERIFY(contains(loaded.notes, "ImageNet-1k"));

  vitlens::ModelLoadOptions options;
  options.labelsFile = dir_.filePath("three.txt").toStdString();
  writeText(options.labelsFile, "a\nb\nc\n");
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, vitlens::loadAnyModel(path, torch::kCPU, options));
  options.labelsFile = dir_.filePath("five.txt").toStdString();
  writeText(options.labelsFile, "one\ntwo\nthree\nfour\nfive\n\n");
  const auto relabelled = vitlens::loadAnyModel(fixture("timm_token"), torch::kCPU, options);
  QCOMPARE(relabelled.meta.labels[4], std::string("five"));
}

void TestInterop::prefixTokensInTheEngine() {
  vitlens::Engine engine(fixture("timm_reg"), vitlens::DeviceChoice::Cpu);
  cv::Mat image(70, 90, CV_8UC3);
  cv::randu(image, 0, 255);
  const auto analysis = engine.analyse(image, 3, true);
  QCOMPARE(analysis.classification.top.size(), size_t(3));
  const auto& attention = *analysis.attention;
  QCOMPARE(attention.prefixTokenNames(),
           (std::vector<std::string>{"class", "register 1", "register 2", "register 3", "register 4"}));
  QVERIFY(attention.hasClassToken());
  for (int query : {-1, 7}) {
    const vitlens::HeadSelection head{vitlens::HeadReduce::Single, 2};
    const cv::Mat map = attention.map(1, head, query);
    const auto prefix = attention.prefixAttention(1, head, query);
    QCOMPARE(prefix.size(), size_t(5));
    double total = cv::sum(map)[0];
    for (float value : prefix) total += value;
    QVERIFY2(std::abs(total - 1.0) < 1e-5, qPrintable(QString::number(total)));  // one softmax row, split in two
  }
  vitlens::Engine features(fixture("timm_features"), vitlens::DeviceChoice::Cpu);
  const auto none = features.analyse(image, 5, true);
  QVERIFY(none.classification.top.empty());
  QCOMPARE(none.attention->gridRows(), 4);
}

void TestInterop::headsFromArchitectureName_data() {
  QTest::addColumn<QString>("architecture");
  QTest::addColumn<int>("heads");
  QTest::newRow("base") << "vit_base_patch16_224.augreg2_in21k_ft_in1k" << 12;
  QTest::newRow("tiny") << "vit_tiny_patch16_384" << 3;
  QTest::newRow("small dino") << "vit_small_patch16_224.dino" << 6;
  QTest::newRow("large") << "vit_large_patch14_clip_224" << 16;
  QTest::newRow("deit distilled") << "deit_tiny_distilled_patch16_224.fb_in1k" << 3;
  QTest::newRow("dinov2 giant") << "vit_giant_patch14_reg4_dinov2.lvd142m" << 24;
  QTest::newRow("unknown") << "resnet50" << 0;
}

void TestInterop::headsFromArchitectureName() {
  QFETCH(QString, architecture);
  QFETCH(int, heads);
  QCOMPARE(vitlens::timmHeadsForArchitecture(architecture.toStdString()), int64_t(heads));
}

void TestInterop::refusesBrokenCheckpoints_data() {
  using Edit = std::function<void(NamedTensors&, std::string & config)>;
  QTest::addColumn<QString>("base");
  QTest::addColumn<Edit>("edit");
  QTest::addColumn<QStringList>("mustContain");
  const auto replace = [](std::string& text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    QVERIFY2(at != std::string::npos, from.c_str());
    text.replace(at, from.size(), to);
  };
  QTest::newRow("missing tensor") << "timm_token" << Edit([](NamedTensors& t, std::string&) {
    t.erase(std::remove_if(t.begin(), t.end(), [](const auto& x) { return x.first == "blocks.1.mlp.fc2.bias"; }));
  }) << QStringList{"1 missing", "'blocks.1.mlp.fc2.bias'"};
  QTest::newRow("unknown tensors") << "timm_token" << Edit([](NamedTensors& t, std::string&) {
    for (int i = 0; i < 6; ++i)
      t.emplace_back("blocks." + std::to_string(i % 2) + ".attn.q_norm.w" + std::to_string(i), torch::ones({8}));
  }) << QStringList{"6 unexpected", "'blocks.0.attn.q_norm.w0'", "and 2 more"};
  QTest::newRow("wrong shape") << "timm_token" << Edit([](NamedTensors& t, std::string&) {
    for (auto& [name, tensor] : t) {
      if (name == "blocks.0.mlp.fc2.weight") tensor = torch::zeros({32, 63});
    }
  }) << QStringList{"'blocks.0.mlp.fc2.weight'", "[32, 63]", "[32, 64]"};
  QTest::newRow("num_classes disagrees") << "timm_token" << Edit([&](NamedTensors&, std::string& c) {
    replace(c, "\"num_classes\": 5", "\"num_classes\": 1000");
  }) << QStringList{"num_classes is 1000", "says 5"};
  QTest::newRow("depth disagrees") << "timm_token" << Edit([&](NamedTensors&, std::string& c) {
    replace(c, "\"depth\": 2", "\"depth\": 12");
  }) << QStringList{"model_args.depth is 12", "says 2"};
  QTest::newRow("label_names count") << "timm_token"
                                     << Edit([&](NamedTensors&, std::string& c) { replace(c, "\"apple\",", ""); })
                                     << QStringList{"label_names has 4 names for 5 classes"};
  QTest::newRow("attention pooling") << "timm_token" << Edit([&](NamedTensors&, std::string& c) {
    replace(c, "\"global_pool\": \"token\"", "\"global_pool\": \"map\"");
  }) << QStringList{"global_pool 'map'", "not supported"};
  QTest::newRow("config not JSON") << "timm_token" << Edit([](NamedTensors&, std::string& c) { c = "{not json"; })
                                   << QStringList{"config.json is not valid JSON"};
  QTest::newRow("hf hidden_size") << "hf_classifier" << Edit([&](NamedTensors&, std::string& c) {
    replace(c, "\"hidden_size\": 32", "\"hidden_size\": 768");
  }) << QStringList{"hidden_size is 768", "says 32"};
  QTest::newRow("hf activation") << "hf_classifier" << Edit([&](NamedTensors&, std::string& c) {
    replace(c, "\"hidden_act\": \"gelu\"", "\"hidden_act\": \"relu\"");
  }) << QStringList{"hidden_act 'relu'"};
  QTest::newRow("hf without config.json") << "hf_classifier" << Edit([](NamedTensors&, std::string& c) { c.clear(); })
                                          << QStringList{"need the config.json"};
  QTest::newRow("hf missing key") << "hf_classifier" << Edit([](NamedTensors& t, std::string&) {
    t.erase(std::remove_if(t.begin(), t.end(), [](const auto& x) {
      return x.first == "vit.encoder.layer.1.attention.attention.key.weight";
    }));
  }) << QStringList{"layer 1 lacks one of its query/key/value weights"};
  QTest::newRow("not a ViT") << "timm_token" << Edit([](NamedTensors& t, std::string&) {
    t = {{"conv1.weight", torch::ones({4, 3, 3, 3})}};
  }) << QStringList{"neither a vitlens model nor a timm or Hugging Face ViT"};
}

void TestInterop::refusesBrokenCheckpoints() {
  using Edit = std::function<void(NamedTensors&, std::string & config)>;
  QFETCH(QString, base);
  QFETCH(Edit, edit);
  QFETCH(QStringList, mustContain);
  const std::string from = fixture(base.toStdString());
  const fs::path to = fs::path(dir_.path().toStdString()) / (base.toStdString() + "_" + QTest::currentDataTag());
  fs::create_directories(to);
  auto content = vitlens::readSafetensors(from + "/model.safetensors");
  std::string config = readText(from + "/config.json");
  edit(content.tensors, config);
  vitlens::writeSafetensors((to / "model.safetensors").string(), content.tensors, content.metadata,
                            vitlens::StorageDtype::F32);
  if (!config.empty()) writeText((to / "config.json").string(), config);
  try {
    vitlens::loadAnyModel(to.string(), torch::kCPU);
    QFAIL("no exception");
  } catch (const std::runtime_error& e) {
    const QString message = e.what();
    QVERIFY2(message.startsWith(QString::fromStdString((to / "model.safetensors").string()) + ": "), e.what());
    for (const auto& part : mustContain) QVERIFY2(message.contains(part), e.what());
  }
}

QTEST_MAIN(TestInterop)
#include "tst_interop.moc"

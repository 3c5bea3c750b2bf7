// VitConfig: presets, JSON round trip, validation.
#include "model/vit_config.h"

#include <QtTest>
#include <algorithm>
#include <stdexcept>

using vitlens::Pooling;
using vitlens::VitConfig;

Q_DECLARE_METATYPE(VitConfig)

class TestVitConfig : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void presets_data();
  void presets();
  void unknownPresetThrows();
  void jsonRoundTrip_data();
  void jsonRoundTrip();
  void jsonMissingFieldsKeepDefaults();
  void invalidJsonThrows_data();
  void invalidJsonThrows();
  void invalidConfigThrows_data();
  void invalidConfigThrows();
};

void TestVitConfig::presets_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<int>("image");
  QTest::addColumn<int>("patch");
  QTest::addColumn<int>("dim");
  QTest::addColumn<int>("depth");
  QTest::addColumn<int>("heads");
  QTest::addColumn<int>("mlp");
  QTest::addColumn<int>("classes");
  QTest::newRow("cifar-seed") << "cifar-seed" << 32 << 4 << 48 << 4 << 4 << 192 << 10;
  QTest::newRow("vit-ti16") << "vit-ti16" << 224 << 16 << 192 << 12 << 3 << 768 << 1000;
  QTest::newRow("vit-s16") << "vit-s16" << 224 << 16 << 384 << 12 << 6 << 1536 << 1000;
  QTest::newRow("vit-b16") << "vit-b16" << 224 << 16 << 768 << 12 << 12 << 3072 << 1000;
}

void TestVitConfig::presets() {
  QFETCH(QString, name);
  QFETCH(int, image);
  QFETCH(int, patch);
  QFETCH(int, dim);
  QFETCH(int, depth);
  QFETCH(int, heads);
  QFETCH(int, mlp);
  QFETCH(int, classes);
  const auto config = VitConfig::preset(name.toStdString());
  config.validate();
  QCOMPARE(config.imageHeight, int64_t(image));
  QCOMPARE(config.imageWidth, int64_t(image));
  QCOMPARE(config.patchSize, int64_t(patch));
  QCOMPARE(config.channels, int64_t(3));
  QCOMPARE(config.embedDim, int64_t(dim));
  QCOMPARE(config.depth, int64_t(depth));
  QCOMPARE(config.numHeads, int64_t(heads));
  QCOMPARE(config.mlpDim, int64_t(mlp));
  QCOMPARE(config.numClasses, int64_t(classes));
  QVERIFY(config.qkvBias);
  QVERIFY(config.classToken);
  QVERIFY(config.pooling == Pooling::Token);
  QCOMPARE(config.layerNormEps, 1e-6);
  const auto names = VitConfig::presetNames();
  QVERIFY(std::find(names.begin(), names.end(), name.toStdString()) != names.end());
}

void TestVitConfig::unknownPresetThrows() {
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, VitConfig::preset("vit-x"));
}

void TestVitConfig::jsonRoundTrip_data() {
  QTest::addColumn<VitConfig>("config");
  for (const auto& name : VitConfig::presetNames()) {
    QTest::newRow(name.c_str()) << VitConfig::preset(name);
  }
  VitConfig odd;
  odd.imageHeight = 16;
  odd.imageWidth = 24;
  odd.qkvBias = false;
  odd.classToken = false;
  odd.pooling = Pooling::Avg;
  odd.layerNormEps = 1e-5;
  odd.channels = 1;
  QTest::newRow("avg, no class token, no qkv bias") << odd;
  VitConfig deit;
  deit.distillToken = true;
  QTest::newRow("distillation token") << deit;
  VitConfig registers;
  registers.regTokens = 4;
  registers.noEmbedClass = true;
  registers.layerScale = true;
  registers.numClasses = 0;
  QTest::newRow("registers, no_embed_class, layer scale, no head") << registers;
}

void TestVitConfig::jsonRoundTrip() {
  QFETCH(VitConfig, config);
  const auto json = config.toJson();
  QVERIFY(json.find("\"image_height\"") != std::string::npos);
  QVERIFY(json.find("\"layer_norm_eps\"") != std::string::npos);
  const auto back = VitConfig::fromJson(json);
  QVERIFY(back == config);
  QVERIFY(!(back != config));
}

void TestVitConfig::jsonMissingFieldsKeepDefaults() {
  const auto config = VitConfig::fromJson(R"({"num_classes": 7, "pooling": "avg"})");
  QCOMPARE(config.numClasses, int64_t(7));
  QVERIFY(config.pooling == Pooling::Avg);
  QCOMPARE(config.embedDim, VitConfig{}.embedDim);
}

void TestVitConfig::invalidJsonThrows_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("field");
  QTest::newRow("not json") << "{"
                            << "";
  QTest::newRow("not an object") << "[1, 2]"
                                 << "";
  QTest::newRow("string for int") << R"({"depth": "4"})"
                                  << "depth";
  QTest::newRow("float for int") << R"({"depth": 4.5})"
                                 << "depth";
  QTest::newRow("int for bool") << R"({"qkv_bias": 1})"
                                << "qkv_bias";
  QTest::newRow("unknown pooling") << R"({"pooling": "max"})"
                                   << "pooling";
  QTest::newRow("invalid values") << R"({"patch_size": 5})"
                                  << "patch_size";
}

void TestVitConfig::invalidJsonThrows() {
  QFETCH(QString, json);
  QFETCH(QString, field);
  try {
    VitConfig::fromJson(json.toStdString());
    QFAIL("no exception");
  } catch (const std::invalid_argument& e) {
    QVERIFY2(QString(e.what()).contains(field), e.what());
  }
}

void TestVitConfig::invalidConfigThrows_data() {
  QTest::addColumn<VitConfig>("config");
  QTest::addColumn<QString>("field");
  const VitConfig base;
  auto with = [&](auto change) {
    VitConfig config = base;
    change(config);
    return config;
  };
  QTest::newRow("zero height") << with([](VitConfig& c) { c.imageHeight = 0; }) << "image_height";
  QTest::newRow("negative width") << with([](VitConfig& c) { c.imageWidth = -32; }) << "image_width";
  QTest::newRow("zero patch") << with([](VitConfig& c) { c.patchSize = 0; }) << "patch_size";
  QTest::newRow("zero channels") << with([](VitConfig& c) { c.channels = 0; }) << "channels";
  QTest::newRow("zero dim") << with([](VitConfig& c) { c.embedDim = 0; }) << "embed_dim";
  QTest::newRow("zero depth") << with([](VitConfig& c) { c.depth = 0; }) << "depth";
  QTest::newRow("zero heads") << with([](VitConfig& c) { c.numHeads = 0; }) << "num_heads";
  QTest::newRow("zero mlp") << with([](VitConfig& c) { c.mlpDim = 0; }) << "mlp_dim";
  QTest::newRow("negative classes") << with([](VitConfig& c) { c.numClasses = -1; }) << "num_classes";
  QTest::newRow("negative registers") << with([](VitConfig& c) { c.regTokens = -1; }) << "reg_tokens";
  QTest::newRow("distillation without class token") << with([](VitConfig& c) {
    c.distillToken = true;
    c.classToken = false;
    c.pooling = Pooling::Avg;
  }) << "distill_token";
  QTest::newRow("height not multiple of patch") << with([](VitConfig& c) { c.imageHeight = 30; }) << "image_height";
  QTest::newRow("width not multiple of patch") << with([](VitConfig& c) { c.imageWidth = 34; }) << "image_width";
  QTest::newRow("dim not multiple of heads") << with([](VitConfig& c) { c.numHeads = 5; }) << "embed_dim";
  QTest::newRow("token pooling without class token")
      << with([](VitConfig& c) { c.classToken = false; }) << "class_token";
  QTest::newRow("zero eps") << with([](VitConfig& c) { c.layerNormEps = 0.0; }) << "layer_norm_eps";
  // Hostile files: sizes whose products would overflow or allocate terabytes are refused up front.
  QTest::newRow("depth 1e9") << with([](VitConfig& c) { c.depth = 1000000000; }) << "depth";
  QTest::newRow("dim 2^40") << with([](VitConfig& c) { c.embedDim = int64_t(1) << 40; }) << "embed_dim";
  QTest::newRow("1e6 px side, patch 1") << with([](VitConfig& c) {
    c.imageHeight = 1000000;
    c.patchSize = 1;
  }) << "image_height";
  QTest::newRow("too many patches") << with([](VitConfig& c) {
    c.imageHeight = c.imageWidth = 4096;
    c.patchSize = 2;
  }) << "number of patches";
}

void TestVitConfig::invalidConfigThrows() {
  QFETCH(VitConfig, config);
  QFETCH(QString, field);
  try {
    config.validate();
    QFAIL("no exception");
  } catch (const std::invalid_argument& e) {
    QVERIFY2(QString(e.what()).contains(field), e.what());
  }
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, VitConfig::fromJson(config.toJson()));
}

QTEST_MAIN(TestVitConfig)
#include "tst_vit_config.moc"

// VisionTransformer on tiny configs: shapes, finiteness, attention probabilities, fast vs explicit path,
// timm parameter names and counts, CPU vs CUDA.
#include <ATen/Context.h>
#include <torch/cuda.h>
#include <torch/utils.h>

#include <set>
#include <string>

#include "model/vision_transformer.h"

#include <QtTest>

using vitlens::Pooling;
using vitlens::VisionTransformer;
using vitlens::VitConfig;

Q_DECLARE_METATYPE(VitConfig)

namespace {

VitConfig tiny(int64_t height, int64_t width, int64_t patch, int64_t dim, int64_t depth, int64_t heads) {
  VitConfig config;
  config.imageHeight = height;
  config.imageWidth = width;
  config.patchSize = patch;
  config.embedDim = dim;
  config.depth = depth;
  config.numHeads = heads;
  config.mlpDim = 2 * dim;
  config.numClasses = 5;
  return config;
}

// timm's formula for the parameter count of a ViT with this config.
int64_t expectedParameterCount(const VitConfig& c) {
  const int64_t d = c.embedDim;
  const int64_t patchEmbed = c.channels * c.patchSize * c.patchSize * d + d;
  const int64_t tokens = (c.classToken ? d : 0) + c.numTokens() * d;
  const int64_t block = 2 * d + (d * 3 * d + (c.qkvBias ? 3 * d : 0)) + (d * d + d) + 2 * d +
                        (d * c.mlpDim + c.mlpDim) + (c.mlpDim * d + d);
  return patchEmbed + tokens + c.depth * block + 2 * d + (d * c.numClasses + c.numClasses);
}

}  // namespace

class TestVisionTransformer : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void forward_data();
  void forward();
  void rejectsWrongInputShape();
  void timmParameterNames();
  void parameterCount();
  void noWeightDecayComesFromTheModel();
  void stagesComposeToForward_data();
  void stagesComposeToForward();
  void initialisation();
  void cudaMatchesCpu();
};

void TestVisionTransformer::initTestCase() { torch::manual_seed(1234); }

void TestVisionTransformer::forward_data() {
  QTest::addColumn<VitConfig>("config");
  QTest::addColumn<int>("batch");
  QTest::newRow("square, token pooling") << tiny(16, 16, 4, 32, 2, 4) << 2;
  QTest::newRow("non-square 16x24") << tiny(16, 24, 4, 32, 2, 4) << 3;
  auto avg = tiny(24, 16, 8, 24, 3, 3);
  avg.classToken = false;
  avg.pooling = Pooling::Avg;
  QTest::newRow("avg pooling, no class token") << avg << 2;
  auto avgWithToken = tiny(16, 16, 4, 16, 1, 2);
  avgWithToken.pooling = Pooling::Avg;
  QTest::newRow("avg pooling with class token") << avgWithToken << 1;
  auto noBias = tiny(8, 8, 2, 16, 2, 1);
  noBias.qkvBias = false;
  noBias.channels = 1;
  QTest::newRow("no qkv bias, one channel, one head") << noBias << 2;
  QTest::newRow("cifar-seed") << VitConfig::preset("cifar-seed") << 2;
  auto deit = tiny(16, 16, 4, 16, 2, 2);
  deit.distillToken = true;
  QTest::newRow("distillation token") << deit << 2;
  auto registers = tiny(16, 24, 8, 16, 2, 2);
  registers.regTokens = 4;
  registers.noEmbedClass = true;
  registers.layerScale = true;
  QTest::newRow("registers, no_embed_class, layer scale") << registers << 2;
}

void TestVisionTransformer::forward() {
  QFETCH(VitConfig, config);
  QFETCH(int, batch);
  torch::NoGradGuard noGrad;
  VisionTransformer model(config);
  model->eval();
  const auto images = torch::randn({batch, config.channels, config.imageHeight, config.imageWidth});

  const auto fast = model->forward(images);
  QCOMPARE(fast.logits.sizes().vec(), (std::vector<int64_t>{batch, config.numClasses}));
  QVERIFY(fast.attention.empty());
  QVERIFY(torch::isfinite(fast.logits).all().item<bool>());

  const auto captured = model->forward(images, /*captureAttention=*/true);
  QCOMPARE(static_cast<int64_t>(captured.attention.size()), config.depth);
  const int64_t n = config.numTokens();
  for (const auto& probs : captured.attention) {
    QCOMPARE(probs.sizes().vec(), (std::vector<int64_t>{batch, config.numHeads, n, n}));
    QVERIFY(probs.min().item<float>() >= 0.0f);
    const double rowError = (probs.sum(-1) - 1.0).abs().max().item<double>();
    QVERIFY2(rowError <= 1e-5, qPrintable(QString::number(rowError)));
  }
  const double pathError = (captured.logits - fast.logits).abs().max().item<double>();
  QVERIFY2(pathError <= 1e-5, qPrintable(QString::number(pathError)));

  // Batch elements are independent.
  const auto single = model->forward(images.narrow(0, batch - 1, 1));
  QVERIFY(torch::allclose(single.logits, fast.logits.narrow(0, batch - 1, 1), 1e-5, 1e-5));
}

void TestVisionTransformer::rejectsWrongInputShape() {
  VisionTransformer model(tiny(16, 16, 4, 16, 1, 2));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, model->forward(torch::zeros({1, 3, 16, 20})));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, model->forward(torch::zeros({3, 16, 16})));
}

void TestVisionTransformer::timmParameterNames() {
  const auto config = VitConfig::preset("cifar-seed");
  VisionTransformer model(config);
  std::vector<std::string> expected = {"cls_token", "pos_embed", "patch_embed.proj.weight", "patch_embed.proj.bias"};
  for (int64_t i = 0; i < config.depth; ++i) {
    const auto prefix = "blocks." + std::to_string(i) + ".";
    for (const char* name :
         {"norm1.weight", "norm1.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight", "attn.proj.bias",
          "norm2.weight", "norm2.bias", "mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight", "mlp.fc2.bias"}) {
      expected.push_back(prefix + name);
    }
  }
  for (const char* name : {"norm.weight", "norm.bias", "head.weight", "head.bias"}) expected.push_back(name);

  std::vector<std::string> actual;
  for (const auto& item : model->named_parameters()) actual.push_back(item.key());
  QCOMPARE(std::set<std::string>(actual.begin(), actual.end()),
           std::set<std::string>(expected.begin(), expected.end()));
  QCOMPARE(actual.size(), expected.size());
  QVERIFY(model->named_buffers().is_empty());

  const auto params = model->named_parameters();
  QCOMPARE(params["pos_embed"].sizes().vec(), (std::vector<int64_t>{1, 65, 48}));
  QCOMPARE(params["cls_token"].sizes().vec(), (std::vector<int64_t>{1, 1, 48}));
  QCOMPARE(params["patch_embed.proj.weight"].sizes().vec(), (std::vector<int64_t>{48, 3, 4, 4}));
  QCOMPARE(params["blocks.0.attn.qkv.weight"].sizes().vec(), (std::vector<int64_t>{144, 48}));
  QCOMPARE(params["head.weight"].sizes().vec(), (std::vector<int64_t>{10, 48}));

  auto noToken = tiny(16, 16, 4, 16, 1, 2);
  noToken.classToken = false;
  noToken.pooling = Pooling::Avg;
  noToken.qkvBias = false;
  VisionTransformer other(noToken);
  const auto otherParams = other->named_parameters();
  QVERIFY(!otherParams.contains("cls_token"));
  QVERIFY(!otherParams.contains("blocks.0.attn.qkv.bias"));
  QCOMPARE(otherParams["pos_embed"].sizes().vec(), (std::vector<int64_t>{1, 16, 16}));
}

void TestVisionTransformer::parameterCount() {
  const auto config = VitConfig::preset("cifar-seed");
  VisionTransformer model(config);
  QCOMPARE(model->parameterCount(), expectedParameterCount(config));
  QCOMPARE(model->parameterCount(), int64_t(119194));  // 0.12 M
  auto avg = tiny(16, 24, 4, 32, 2, 4);
  avg.classToken = false;
  avg.pooling = Pooling::Avg;
  avg.qkvBias = false;
  QCOMPARE(VisionTransformer(avg)->parameterCount(), expectedParameterCount(avg));
  QCOMPARE(config.parameterCount(), expectedParameterCount(config));
  QCOMPARE(avg.parameterCount(), expectedParameterCount(avg));
  // timm's average pooling: the final LayerNorm is `fc_norm`, applied after pooling; there is no `norm`.
  const auto names = VisionTransformer(avg)->named_parameters();
  QVERIFY(names.contains("fc_norm.weight") && names.contains("fc_norm.bias"));
  QVERIFY(!names.contains("norm.weight") && !names.contains("cls_token"));

  // The prefix-token variants: counts agree with the module, and the tensors carry timm's names and shapes.
  auto variant = tiny(16, 16, 4, 16, 2, 2);
  variant.distillToken = true;
  variant.regTokens = 3;
  variant.noEmbedClass = true;
  variant.layerScale = true;
  VisionTransformer model2(variant);
  QCOMPARE(model2->parameterCount(), variant.parameterCount());
  const auto params = model2->named_parameters();
  QCOMPARE(params["dist_token"].sizes().vec(), (std::vector<int64_t>{1, 1, 16}));
  QCOMPARE(params["reg_token"].sizes().vec(), (std::vector<int64_t>{1, 3, 16}));
  QCOMPARE(params["pos_embed"].sizes().vec(), (std::vector<int64_t>{1, 16, 16}));  // patches only
  QCOMPARE(params["blocks.1.ls2.gamma"].sizes().vec(), (std::vector<int64_t>{16}));
  QCOMPARE(params["head_dist.weight"].sizes().vec(), (std::vector<int64_t>{5, 16}));
  variant.numClasses = 0;  // a feature extractor: no head at all
  VisionTransformer headless(variant);
  QCOMPARE(headless->parameterCount(), variant.parameterCount());
  QVERIFY(!headless->named_parameters().contains("head.weight"));
  torch::NoGradGuard noGrad;
  const auto output = headless->forward(torch::randn({2, 3, 16, 16}));
  QVERIFY(!output.logits.defined());
  QCOMPARE(output.features.sizes().vec(), (std::vector<int64_t>{2, 16}));
}

void TestVisionTransformer::stagesComposeToForward_data() {
  QTest::addColumn<bool>("average");
  QTest::addColumn<bool>("distilled");
  QTest::newRow("class token") << false << false;
  QTest::newRow("average pooling") << true << false;
  QTest::newRow("DeiT distilled") << false << true;
}

void TestVisionTransformer::stagesComposeToForward() {
  QFETCH(bool, average);
  QFETCH(bool, distilled);
  VitConfig config;
  config.depth = 2;
  config.distillToken = distilled;
  if (average) {
    config.classToken = false;
    config.pooling = Pooling::Avg;
  }
  VisionTransformer model(config);
  model->eval();
  torch::NoGradGuard noGrad;
  const torch::Tensor images = torch::randn({2, 3, 32, 32});
  const vitlens::VitOutput whole = model->forward(images, true);
  std::vector<torch::Tensor> attention;
  const torch::Tensor tokens = model->embedTokens(images);
  QCOMPARE(tokens.sizes().vec(), (std::vector<int64_t>{2, config.numTokens(), config.embedDim}));
  const vitlens::VitOutput staged = model->forwardHead(model->forwardFeatures(tokens, &attention));
  QVERIFY(torch::equal(staged.logits, whole.logits));
  QVERIFY(torch::equal(staged.features, whole.features));
  QCOMPARE(attention.size(), whole.attention.size());
  for (size_t i = 0; i < attention.size(); ++i) QVERIFY(torch::equal(attention[i], whole.attention[i]));
}

void TestVisionTransformer::noWeightDecayComesFromTheModel() {
  // DeiT-like with registers: every token, the position embedding and the 1-D parameters are exempt; the
  // trainer used to decay reg_token and dist_token.
  VitConfig config;
  config.distillToken = true;
  config.regTokens = 2;
  config.layerScale = true;
  const VisionTransformer model(config);
  const std::vector<std::string> names = model->noWeightDecayNames();
  const std::set<std::string> exempt(names.begin(), names.end());
  for (const char* token : {"cls_token", "dist_token", "reg_token", "pos_embed", "blocks.0.ls1.gamma",
                            "blocks.0.norm1.weight", "blocks.0.attn.qkv.bias", "head.bias", "norm.weight"}) {
    QVERIFY2(exempt.count(token), token);
  }
  for (const char* matrix : {"patch_embed.proj.weight", "blocks.0.attn.qkv.weight", "blocks.3.mlp.fc2.weight",
                             "head.weight", "head_dist.weight"}) {
    QVERIFY2(!exempt.count(matrix), matrix);
  }
  // Every parameter is in exactly one of the two groups.
  QCOMPARE(names.size(), std::set<std::string>(names.begin(), names.end()).size());
  size_t matrices = 0;
  for (const auto& item : model->named_parameters()) matrices += exempt.count(item.key()) ? 0 : 1;
  QCOMPARE(matrices + names.size(), model->named_parameters().size());
  QCOMPARE(matrices, size_t(1 + 4 * 4 + 2));  // patch conv, 4 blocks x (qkv, proj, fc1, fc2), head, head_dist
}

void TestVisionTransformer::initialisation() {
  torch::manual_seed(7);
  VisionTransformer model(VitConfig::preset("vit-ti16"));
  const auto params = model->named_parameters();
  const auto weight = params["blocks.0.mlp.fc1.weight"];
  QVERIFY(std::abs(weight.std().item<double>() - 0.02 * 0.88) < 0.002);  // +-2 std truncation shrinks std by 0.88
  QVERIFY(weight.abs().max().item<double>() <= 0.04 + 1e-7);
  QCOMPARE(params["blocks.0.mlp.fc1.bias"].abs().max().item<double>(), 0.0);
  QCOMPARE(params["norm.weight"].min().item<double>(), 1.0);
  QVERIFY(params["cls_token"].abs().max().item<double>() < 1e-4);
  QVERIFY(params["pos_embed"].abs().max().item<double>() <= 0.04 + 1e-7);
}

void TestVisionTransformer::cudaMatchesCpu() {
  if (!torch::cuda::is_available()) QSKIP("CUDA is not available");
  torch::NoGradGuard noGrad;
  at::globalContext().setAllowTF32CuDNN(false);  // compare float32 with float32, not TF32 convolutions
  at::globalContext().setAllowTF32CuBLAS(false);
  const auto config = VitConfig::preset("cifar-seed");
  VisionTransformer model(config);
  model->eval();
  const auto images = torch::randn({4, 3, 32, 32});
  const auto cpu = model->forward(images, true);
  model->to(torch::kCUDA);
  const auto cudaFast = model->forward(images.to(torch::kCUDA));
  const auto cuda = model->forward(images.to(torch::kCUDA), true);
  QVERIFY(cuda.logits.is_cuda());
  const auto logitsError = (cuda.logits.cpu() - cpu.logits).abs().max().item<double>();
  QVERIFY2(logitsError < 1e-3, qPrintable(QString::number(logitsError)));
  QVERIFY((cudaFast.logits.cpu() - cpu.logits).abs().max().item<double>() < 1e-3);
  for (size_t i = 0; i < cpu.attention.size(); ++i) {
    QVERIFY((cuda.attention[i].cpu() - cpu.attention[i]).abs().max().item<double>() < 1e-4);
  }
}

QTEST_MAIN(TestVisionTransformer)
#include "tst_vision_transformer.moc"

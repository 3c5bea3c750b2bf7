// A --resume checkpoint is a file like any other: crafted ones (metrics of the wrong shape, a negative epoch,
// parameters of the wrong shape, NaN weights, an optimizer state that does not fit) are refused with a message
// naming the file and the value, never trusted into a crash, a heap over-read or 100,002 epochs.
#include <ATen/ops/full.h>
#include <ATen/ops/zeros.h>
#include <torch/optim/adamw.h>
#include <torch/serialize/archive.h>
#include <torch/utils.h>

// Torch-reaching project headers before Qt's (pytorch/pytorch#19405).
#include "model/vision_transformer.h"
#include "training/trainer.h"
#include "util/atomic_file.h"

#include <QtTest>

using namespace vitlens;

namespace {

VitConfig tinyConfig() {
  VitConfig config;
  config.patchSize = 8;
  config.embedDim = 16;
  config.depth = 1;
  config.numHeads = 2;
  config.mlpDim = 32;
  config.numClasses = 2;
  return config;
}

TrainOptions tinyOptions() {
  TrainOptions options;
  options.config = tinyConfig();
  options.epochs = 3;
  options.batch = 4;
  options.seed = 5;
  return options;
}

// Random 32x32 images of two classes, enough to run one step.
TrainData tinyData() {
  TrainData data;
  data.classes = {"a", "b"};
  data.train.images = at::randint(0, 255, {8, 32, 32, 3}).to(at::kByte);
  data.train.labels = at::arange(8, at::kLong).remainder(2);
  data.stats.mean = {0.5f, 0.5f, 0.5f};
  data.stats.stddev = {0.25f, 0.25f, 0.25f};
  return data;
}

// What writeCheckpoint writes, with every field open to tampering.
struct Crafted {
  c10::IValue config = c10::IValue(tinyConfig().toJson());
  c10::IValue epoch = c10::IValue(int64_t{1});
  c10::IValue seed = c10::IValue(int64_t{5});
  c10::IValue bestValAcc = c10::IValue(0.5);
  c10::IValue seconds = c10::IValue(1.0);
  at::Tensor metrics = at::zeros({1, 7}, at::kDouble);
  std::function<void(VisionTransformer&)> editModel;
  std::function<void(torch::optim::AdamW&, VisionTransformer&)> editOptimizer;
};

void writeCrafted(const std::string& path, const Crafted& crafted) {
  torch::manual_seed(0);
  VisionTransformer model(tinyConfig());
  // The trainer's two groups: weight matrices with decay, what the model exempts without.
  const std::vector<std::string> exemptNames = model->noWeightDecayNames();
  std::vector<at::Tensor> decay, noDecay;
  for (const auto& item : model->named_parameters()) {
    const bool exempt = std::find(exemptNames.begin(), exemptNames.end(), item.key()) != exemptNames.end();
    (exempt ? noDecay : decay).push_back(item.value());
  }
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(decay,
                      std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions().weight_decay(0.05)));
  groups.emplace_back(noDecay,
                      std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions().weight_decay(0.0)));
  torch::optim::AdamW optimizer(std::move(groups), torch::optim::AdamWOptions(1e-3));
  // One step, so the optimizer has state (exp_avg, exp_avg_sq) to save.
  optimizer.zero_grad();
  model->forward(at::zeros({1, 3, 32, 32})).logits.sum().backward();
  optimizer.step();
  {
    torch::NoGradGuard noGrad;
    if (crafted.editModel) crafted.editModel(model);
    if (crafted.editOptimizer) crafted.editOptimizer(optimizer, model);
  }
  torch::serialize::OutputArchive archive, modelArchive, optimizerArchive;
  model->save(modelArchive);
  optimizer.save(optimizerArchive);
  archive.write("model", modelArchive);
  archive.write("optimizer", optimizerArchive);
  archive.write("config", crafted.config);
  archive.write("epoch", crafted.epoch);
  archive.write("seed", crafted.seed);
  archive.write("best_val_acc", crafted.bestValAcc);
  archive.write("seconds", crafted.seconds);
  archive.write("metrics", crafted.metrics);
  std::vector<uint8_t> bytes;
  archive.save_to([&bytes](const void* data, size_t size) {
    const auto* begin = static_cast<const uint8_t*>(data);
    bytes.insert(bytes.end(), begin, begin + size);
    return size;
  });
  writeFileAtomically(path, bytes);
}

at::Tensor& parameter(VisionTransformer& model, const std::string& name) {
  for (auto& item : model->named_parameters()) {
    if (item.key() == name) return item.value();
  }
  throw std::runtime_error("no parameter " + name);
}

}  // namespace

class TestCheckpointValidation : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { QVERIFY(dir_.isValid()); }
  void craftedCheckpointsRefused_data();
  void craftedCheckpointsRefused();
  void honestCheckpointResumes();

 private:
  QTemporaryDir dir_;
};

void TestCheckpointValidation::craftedCheckpointsRefused_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<QString>("expected");
  QTest::newRow("metrics of shape (1, 0) (segfaulted)") << "metrics-1x0"
                                                        << "'metrics' has shape [1, 0]";
  QTest::newRow("metrics of shape (3,) (read past the heap)") << "metrics-3"
                                                              << "'metrics' has shape [3]";
  QTest::newRow("metrics as float") << "metrics-float"
                                    << "'metrics' has shape [1, 7] Float";
  QTest::newRow("metrics with NaN") << "metrics-nan"
                                    << "'metrics' holds NaN";
  QTest::newRow("metrics at an offset in a larger storage") << "metrics-offset"
                                                            << "'metrics' does not lie inside its own data";
  QTest::newRow("epoch -100000 (ran 100,002 epochs)") << "epoch-negative"
                                                      << "'epoch' is -100000";
  QTest::newRow("epoch beyond --epochs") << "epoch-large"
                                         << "'epoch' is 99";
  QTest::newRow("epoch as text") << "epoch-text"
                                 << "'epoch' is not an integer";
  QTest::newRow("config not text") << "config-int"
                                   << "'config' is not a string";
  QTest::newRow("best accuracy 7") << "accuracy"
                                   << "'best_val_acc' is out of range";
  QTest::newRow("parameter of another shape") << "shape"
                                              << "'head.weight' has shape [3, 3]";
  QTest::newRow("NaN weight") << "nan-weight"
                              << "'pos_embed' holds NaN";
  QTest::newRow("optimizer state of another shape") << "optimizer-shape"
                                                    << "optimizer exp_avg";
  QTest::newRow("not an archive at all") << "garbage"
                                         << "not a vitlens checkpoint";
}

void TestCheckpointValidation::craftedCheckpointsRefused() {
  QFETCH(QString, variant);
  QFETCH(QString, expected);
  const std::string model = dir_.filePath(variant + ".safetensors").toStdString();
  const std::string checkpoint = checkpointPath(model);
  Crafted crafted;
  if (variant == "metrics-1x0") crafted.metrics = at::zeros({1, 0}, at::kDouble);
  if (variant == "metrics-3") crafted.metrics = at::zeros({3}, at::kDouble);
  if (variant == "metrics-float") crafted.metrics = at::zeros({1, 7}, at::kFloat);
  if (variant == "metrics-nan") crafted.metrics = at::full({1, 7}, NAN, at::kDouble);
  if (variant == "metrics-offset") crafted.metrics = at::zeros({3, 7}, at::kDouble).narrow(0, 2, 1);
  if (variant == "epoch-negative") crafted.epoch = c10::IValue(int64_t{-100000});
  if (variant == "epoch-large") crafted.epoch = c10::IValue(int64_t{99});
  if (variant == "epoch-text") crafted.epoch = c10::IValue(std::string("1"));
  if (variant == "config-int") crafted.config = c10::IValue(int64_t{3});
  if (variant == "accuracy") crafted.bestValAcc = c10::IValue(7.0);
  if (variant == "shape")
    crafted.editModel = [](VisionTransformer& m) { parameter(m, "head.weight").set_(at::zeros({3, 3})); };
  if (variant == "nan-weight")
    crafted.editModel = [](VisionTransformer& m) { parameter(m, "pos_embed")[0][0][0] = NAN; };
  if (variant == "optimizer-shape") {
    crafted.editOptimizer = [](torch::optim::AdamW& optimizer, VisionTransformer&) {
      for (auto& entry : optimizer.state()) {
        auto& state = static_cast<torch::optim::AdamWParamState&>(*entry.second);
        state.exp_avg(at::zeros({5}));
      }
    };
  }
  if (variant == "garbage") {
    writeFileAtomically(checkpoint, std::vector<uint8_t>(100, 'x'));
  } else {
    writeCrafted(checkpoint, crafted);
  }
  TrainOutputs outputs;
  outputs.modelPath = model;
  outputs.resume = true;
  int epochsRun = 0;
  TrainCallbacks callbacks;
  callbacks.onEpoch = [&](const EpochMetrics&) { ++epochsRun; };
  try {
    trainModel(tinyOptions(), tinyData(), outputs, callbacks);
    QFAIL("the crafted checkpoint was accepted");
  } catch (const std::exception& error) {
    const QString message = QString::fromUtf8(error.what());
    QVERIFY2(message.contains(expected) && message.contains(QString::fromStdString(checkpoint)), error.what());
    QVERIFY2(!message.contains("Exception raised from"), error.what());  // no LibTorch backtrace
  }
  QCOMPARE(epochsRun, 0);
  QVERIFY(!QFileInfo::exists(QString::fromStdString(model)));  // nothing written from a refused checkpoint
}

void TestCheckpointValidation::honestCheckpointResumes() {
  // The same crafting with nothing tampered is a valid checkpoint: resume runs the remaining two epochs.
  const std::string model = dir_.filePath("honest.safetensors").toStdString();
  writeCrafted(checkpointPath(model), Crafted{});
  TrainOutputs outputs;
  outputs.modelPath = model;
  outputs.resume = true;
  int epochsRun = 0;
  TrainCallbacks callbacks;
  callbacks.onEpoch = [&](const EpochMetrics&) { ++epochsRun; };
  trainModel(tinyOptions(), tinyData(), outputs, callbacks);
  QCOMPARE(epochsRun, 2);
}

QTEST_MAIN(TestCheckpointValidation)
#include "tst_checkpoint_validation.moc"

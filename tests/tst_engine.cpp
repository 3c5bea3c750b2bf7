// The torch-free engine facade: same numbers as the model it wraps, on real decoded images.
#include <ATen/ATen.h>
#include <opencv2/core.hpp>

#include "analysis/rollout.h"
#include "engine/engine.h"
#include "imaging/image_decode.h"
#include "imaging/image_tensor.h"
#include "imaging/preprocess.h"
#include "model/model_file.h"
#include "model/model_source.h"

#include <QtTest>

using namespace vitlens;

class TestEngine : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void classificationMatchesModel_data();
  void classificationMatchesModel();
  void attentionSetMatchesCapturedAttention();
  void badQueriesThrow();
  void missingModelAndCudaErrors();
  void filterMontageHasOneTilePerFilter();
  void builtInModel();
  void builtInModelOnCifar10();

 private:
  QTemporaryDir dir_;
  std::string modelPath_;
  ModelMeta meta_;
};

void TestEngine::initTestCase() {
  QVERIFY(dir_.isValid());
  modelPath_ = dir_.filePath("model.safetensors").toStdString();
  meta_.config = VitConfig::preset("cifar-seed");
  meta_.labels = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
  meta_.mean = {0.49f, 0.48f, 0.45f};
  meta_.stddev = {0.25f, 0.24f, 0.26f};
  at::manual_seed(3);
  VisionTransformer model(meta_.config);
  saveModelFile(modelPath_, model, meta_, StorageDtype::F32);
}

void TestEngine::classificationMatchesModel_data() {
  QTest::addColumn<int>("width");
  QTest::addColumn<int>("height");
  QTest::addColumn<int>("topk");
  QTest::newRow("32x32, top 5") << 32 << 32 << 5;
  QTest::newRow("wide 451x300, top 3") << 451 << 300 << 3;
  QTest::newRow("tall 20x90, top 20 (clamped to 10)") << 20 << 90 << 20;
}

void TestEngine::classificationMatchesModel() {
  QFETCH(int, width);
  QFETCH(int, height);
  QFETCH(int, topk);
  cv::Mat rgb(height, width, CV_8UC3);
  cv::randu(rgb, 0, 255);

  Engine engine(modelPath_, DeviceChoice::Cpu);
  QCOMPARE(engine.device(), std::string("cpu"));
  const ImageAnalysis analysis = engine.analyse(rgb, topk, false);
  QVERIFY(!analysis.attention);
  const Classification& c = analysis.classification;
  QCOMPARE(int(c.top.size()), std::min(topk, 10));
  QCOMPARE(c.probabilities.size(), size_t(10));
  QVERIFY(c.milliseconds > 0.0);
  double sum = 0;
  for (float p : c.probabilities) sum += p;
  QVERIFY(std::abs(sum - 1.0) < 1e-5);
  for (size_t i = 1; i < c.top.size(); ++i) QVERIFY(c.top[i - 1].probability >= c.top[i].probability);
  QCOMPARE(c.top[0].label, meta_.labels[size_t(c.top[0].index)]);

  // The same image through the model directly gives the same probabilities.
  LoadedModel loaded = loadAnyModel(modelPath_, c10::Device(c10::DeviceType::CPU));
  PreprocessSpec spec;
  spec.mean = meta_.mean;
  spec.stddev = meta_.stddev;
  const PreparedImage prepared = preprocessImage(rgb, spec);
  QCOMPARE(analysis.sourceCrop, prepared.sourceCrop);
  at::NoGradGuard noGrad;
  const at::Tensor probs = at::softmax(loaded.model->forward(toInputTensor(prepared)).logits, -1)[0];
  for (int64_t i = 0; i < 10; ++i) QVERIFY(std::abs(probs[i].item<float>() - c.probabilities[size_t(i)]) < 1e-6);
}

void TestEngine::attentionSetMatchesCapturedAttention() {
  cv::Mat rgb(64, 48, CV_8UC3);
  cv::randu(rgb, 0, 255);
  Engine engine(modelPath_, DeviceChoice::Auto);
  const ImageAnalysis analysis = engine.analyse(rgb, 1, true);
  QVERIFY(analysis.attention);
  const AttentionSet& set = *analysis.attention;
  QCOMPARE(set.layers(), 4);
  QCOMPARE(set.heads(), 4);
  QCOMPARE(set.gridRows(), 8);
  QCOMPARE(set.gridCols(), 8);
  QCOMPARE(set.prefixTokens(), 1);

  LoadedModel loaded = loadAnyModel(modelPath_, c10::Device(c10::DeviceType::CPU));
  PreprocessSpec spec;
  spec.mean = meta_.mean;
  spec.stddev = meta_.stddev;
  at::NoGradGuard noGrad;
  const VitOutput output = loaded.model->forward(toInputTensor(preprocessImage(rgb, spec)), true);
  // Layer 2, head 1, query patch 9 (token 10).
  const cv::Mat map = set.map(2, HeadSelection::parse("1"), 9);
  QCOMPARE(map.size(), cv::Size(8, 8));
  QCOMPARE(map.type(), CV_32F);
  for (int r = 0; r < 8; ++r)
    for (int c = 0; c < 8; ++c)
      QVERIFY(std::abs(map.at<float>(r, c) - output.attention[2][0][1][10][1 + r * 8 + c].item<float>()) < 1e-6);
  // Class-token query, mean over heads.
  const cv::Mat cls = set.map(3, HeadSelection::parse("mean"));
  QVERIFY(std::abs(cls.at<float>(0, 0) - output.attention[3][0].mean(0)[0][1].item<float>()) < 1e-6);
  // Rollout agrees with the analysis function on the model's own attention.
  const cv::Mat rollout = set.rollout(HeadReduce::Max, 0.5);
  const at::Tensor expected = attentionRollout(output.attention, HeadReduce::Max, 0.5, TokenLayout{1, 8, 8});
  for (int r = 0; r < 8; ++r)
    for (int c = 0; c < 8; ++c) QVERIFY(std::abs(rollout.at<float>(r, c) - expected[r][c].item<float>()) < 1e-6);
}

void TestEngine::badQueriesThrow() {
  cv::Mat rgb(32, 32, CV_8UC3, cv::Scalar(10, 200, 30));
  Engine engine(modelPath_, DeviceChoice::Cpu);
  const auto attention = engine.analyse(rgb, 1, true).attention;
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, attention->map(4, HeadSelection::parse("mean")));
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, attention->map(0, HeadSelection::parse("4")));
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, attention->map(0, HeadSelection::parse("mean"), 64));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, attention->rollout(HeadReduce::Single, 0.0));
}

void TestEngine::missingModelAndCudaErrors() {
  try {
    Engine engine(dir_.filePath("absent.safetensors").toStdString(), DeviceChoice::Cpu);
    QFAIL("a missing model file must throw");
  } catch (const std::exception& error) {
    QVERIFY2(QString(error.what()).contains("absent.safetensors"), error.what());
  }
  if (cudaAvailable()) QSKIP("this machine has CUDA: the unavailable-CUDA message cannot be checked");
  try {
    Engine engine(modelPath_, DeviceChoice::Cuda);
    QFAIL("CUDA without a GPU must throw");
  } catch (const std::runtime_error& error) {
    QVERIFY2(QString(error.what()).contains("CUDA"), error.what());
  }
}

void TestEngine::filterMontageHasOneTilePerFilter() {
  Engine engine(modelPath_, DeviceChoice::Cpu);
  const cv::Mat montage = engine.filterMontage(false, 8);  // 48 tiles of 32 px, 7 columns, 7 rows
  QCOMPARE(montage.type(), CV_8UC3);
  QVERIFY(montage.cols >= 7 * 32 && montage.cols <= 7 * 32 + 8 * 8);
  QVERIFY(montage.rows >= 7 * 32 && montage.rows <= 7 * 32 + 8 * 8);
  const cv::Mat components = engine.filterMontage(true, 8);
  QVERIFY(components.cols > 0 && components.rows > 0);
}

void TestEngine::builtInModel() {
#ifndef VITLENS_EXPECT_DEFAULT_MODEL
  QVERIFY(!hasBuiltInModel());
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, Engine("", DeviceChoice::Cpu));
  QSKIP("this build has no built-in model (resources/models/cifar-seed.safetensors is absent)");
#else
  QVERIFY(hasBuiltInModel());
  Engine engine("", DeviceChoice::Cpu);
  const ModelMeta& meta = engine.meta();
  QVERIFY(meta.config == VitConfig::preset("cifar-seed"));
  QCOMPARE(meta.labels, (std::vector<std::string>{"airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
                                                  "horse", "ship", "truck"}));
  QVERIFY(QString::fromStdString(engine.source()).startsWith("built-in"));
  // It was trained: its provenance records the trainer and the validation accuracy of the shipped file (0.7564).
  QCOMPARE(meta.provenance.at("trainer"), std::string("vitlens-cli train"));
  QVERIFY2(std::stod(meta.provenance.at("val_accuracy")) > 0.75, meta.provenance.at("val_accuracy").c_str());
  cv::Mat rgb(32, 32, CV_8UC3, cv::Scalar(40, 90, 200));
  const ImageAnalysis analysis = engine.analyse(rgb, 3, true);
  QCOMPARE(analysis.classification.top.size(), size_t(3));
  QCOMPARE(analysis.attention->layers(), 4);
#endif
}

// With CIFAR-10 at hand (VITLENS_CIFAR10_DIR, holding test/<class>/*.jpg), the built-in model must classify real
// test images about as well as its recorded accuracy: the first 20 images of each class.
void TestEngine::builtInModelOnCifar10() {
  if (!hasBuiltInModel()) QSKIP("this build has no built-in model");
  const QString root = qEnvironmentVariable("VITLENS_CIFAR10_DIR");
  if (root.isEmpty() || !QDir(root + "/test").exists()) QSKIP("set VITLENS_CIFAR10_DIR to a CIFAR-10 image folder");
  Engine engine("", DeviceChoice::Cpu);
  int correct = 0, total = 0;
  for (size_t label = 0; label < engine.meta().labels.size(); ++label) {
    const QDir dir(root + "/test/" + QString::fromStdString(engine.meta().labels[label]));
    const QStringList files = dir.entryList({"*.jpg", "*.png"}, QDir::Files, QDir::Name).mid(0, 20);
    QVERIFY(!files.isEmpty());
    for (const QString& file : files) {
      const cv::Mat rgb = decodeImageFile(dir.filePath(file).toStdString());
      correct += engine.analyse(rgb, 1, false).classification.top[0].index == int64_t(label);
      ++total;
    }
  }
  const double accuracy = double(correct) / total;
  qInfo("built-in model: %d / %d = %.3f on the first CIFAR-10 test images", correct, total, accuracy);
  QVERIFY2(accuracy >= 0.70, qPrintable(QString::number(accuracy)));
}

QTEST_MAIN(TestEngine)
#include "tst_engine.moc"

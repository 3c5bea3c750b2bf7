// Training pieces on tiny data: schedule, loss options, augmentation, data set scanning, a real learning run,
// resume, and the evaluation numbers.
#include <ATen/ops/equal.h>
#include <ATen/ops/tensor.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <cmath>
#include <fstream>

// Torch-reaching project headers before Qt's (pytorch/pytorch#19405).
#include "model/model_file.h"
#include "model/model_source.h"
#include "model/runtime.h"
#include "training/evaluation.h"
#include "training/objective.h"
#include "training/trainer.h"

#include <QtTest>

using namespace vitlens;

namespace {

// Class c: a distinct colour plus stripes of its own orientation, with noise, so a tiny ViT separates them fast.
void writeSyntheticFolder(const QString& root, int classes, int perClass) {
  const cv::Scalar colours[] = {{220, 40, 40}, {40, 200, 40}, {40, 40, 220}, {200, 200, 40}};
  cv::RNG rng(7);
  for (int c = 0; c < classes; ++c) {
    const QString dir = root + QString("/class%1").arg(c);
    QDir().mkpath(dir);
    for (int i = 0; i < perClass; ++i) {
      cv::Mat rgb(32, 32, CV_8UC3, colours[c]);
      for (int k = 0; k < 32; k += 4) {
        const cv::Rect stripe = c % 2 == 0 ? cv::Rect(0, k, 32, 2) : cv::Rect(k, 0, 2, 32);
        rgb(stripe).setTo(cv::Scalar(255, 255, 255));
      }
      cv::Mat noise(32, 32, CV_8UC3);
      rng.fill(noise, cv::RNG::UNIFORM, 0, 40);
      rgb += noise;
      cv::Mat bgr;
      cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
      QVERIFY(cv::imwrite(QString("%1/%2.png").arg(dir).arg(i, 3, 10, QChar('0')).toStdString(), bgr));
    }
  }
}

VitConfig tinyConfig(int64_t classes) {
  VitConfig config;
  config.patchSize = 8;
  config.embedDim = 32;
  config.depth = 2;
  config.numHeads = 2;
  config.mlpDim = 64;
  config.numClasses = classes;
  return config;
}

TrainData loadTiny(const QString& root, int64_t holdout) {
  const ImageFolder folder = scanImageFolder(root.toStdString());
  const Split split = holdoutSplit(static_cast<int64_t>(folder.files.size()), holdout, 0);
  TrainData data;
  data.classes = folder.classes;
  data.train = decodeImages(folder, split.train, 32, 32, 2);
  data.val = decodeImages(folder, split.val, 32, 32, 2);
  data.stats = channelStats(data.train.images);
  return data;
}

TrainOptions tinyOptions(int64_t classes, int epochs) {
  TrainOptions options;
  options.config = tinyConfig(classes);
  options.epochs = epochs;
  options.batch = 16;
  options.lr = 3e-3;
  options.warmupEpochs = 1;
  options.seed = 3;
  return options;
}

int lineCount(const std::string& path) {
  std::ifstream in(path);
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

}  // namespace

class TestTraining : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void lrSchedule_data();
  void lrSchedule();
  void classWeightsAreInverseFrequency();
  void imbalanceCounts_data();
  void imbalanceCounts();
  void imbalancedSubsetIsSeededAndSized();
  void ohemKeepsTheHardest_data();
  void ohemKeepsTheHardest();
  void flipMirrors();
  void cropShiftsAndPadsWithZeros();
  void scanSortsClasses();
  void scanErrors_data();
  void scanErrors();
  void corruptImageIsNamed();
  void holdoutIsSeededAndDisjoint();
  void trainingLearns();
  void resumeMatchesUninterruptedRun();
  void confusionMatrixNumbers();
  void folderLabelMismatchIsAnError();

 private:
  QTemporaryDir dir_;
  QString tiny_;
};

void TestTraining::initTestCase() {
  QVERIFY(dir_.isValid());
  tiny_ = dir_.filePath("tiny");
  writeSyntheticFolder(tiny_, 3, 40);
  configureThreadPool(1, ThreadPool::LibTorch);
}

void TestTraining::lrSchedule_data() {
  QTest::addColumn<qint64>("step");
  QTest::addColumn<double>("expected");
  // peak 1.0, min 0.1, 10 warm-up steps of 110: linear ramp, then the cosine from step 10 to step 109.
  QTest::newRow("first warm-up step") << qint64(0) << 0.1;
  QTest::newRow("mid warm-up") << qint64(4) << 0.5;
  QTest::newRow("last warm-up step") << qint64(9) << 1.0;
  QTest::newRow("peak") << qint64(10) << 1.0;
  QTest::newRow("cosine half-way") << qint64(10 + 99 / 2) << 0.1 + 0.45 * (1 + std::cos(M_PI * 49.0 / 99.0));
  QTest::newRow("last step") << qint64(109) << 0.1;
  QTest::newRow("past the end") << qint64(500) << 0.1;
}

void TestTraining::lrSchedule() {
  QFETCH(qint64, step);
  QFETCH(double, expected);
  LrSchedule schedule{1.0, 0.1, 10, 110};
  QVERIFY2(std::abs(schedule.at(step) - expected) < 1e-12, qPrintable(QString::number(schedule.at(step))));
}

void TestTraining::classWeightsAreInverseFrequency() {
  const std::vector<double> weights = classWeights({0, 0, 0, 1, 2, 2}, 4);
  QCOMPARE(weights.size(), size_t(4));
  QCOMPARE(weights[0], 2.0);  // N / N_i = 6 / 3
  QCOMPARE(weights[1], 6.0);
  QCOMPARE(weights[2], 3.0);
  QCOMPARE(weights[3], 0.0);  // absent class
}

void TestTraining::imbalanceCounts_data() {
  QTest::addColumn<double>("ratio");
  QTest::addColumn<std::vector<int64_t>>("expected");
  QTest::newRow("ratio 1 keeps all") << 1.0 << std::vector<int64_t>{5000, 5000, 5000};
  QTest::newRow("ratio 100 over 3 classes") << 100.0 << std::vector<int64_t>{5000, 500, 50};
  QTest::newRow("ratio 10") << 10.0 << std::vector<int64_t>{5000, 1581, 500};
}

void TestTraining::imbalanceCounts() {
  QFETCH(double, ratio);
  QFETCH(std::vector<int64_t>, expected);
  QCOMPARE(imbalancedCounts({5000, 5000, 5000}, ratio), expected);
}

void TestTraining::imbalancedSubsetIsSeededAndSized() {
  std::vector<int64_t> labels, indices;
  for (int64_t i = 0; i < 300; ++i) {
    labels.push_back(i % 3);
    indices.push_back(i);
  }
  const auto subset = imbalancedSubset(indices, labels, 3, 100.0, 1);
  std::vector<int64_t> perClass(3, 0);
  for (int64_t index : subset) ++perClass[static_cast<size_t>(labels[static_cast<size_t>(index)])];
  QCOMPARE(perClass, (std::vector<int64_t>{100, 10, 1}));
  QCOMPARE(imbalancedSubset(indices, labels, 3, 100.0, 1), subset);
  QVERIFY(imbalancedSubset(indices, labels, 3, 100.0, 2) != subset);
}

void TestTraining::ohemKeepsTheHardest_data() {
  QTest::addColumn<double>("fraction");
  QTest::addColumn<qint64>("kept");
  QTest::newRow("all") << 1.0 << qint64(8);
  QTest::newRow("half") << 0.5 << qint64(4);
  QTest::newRow("rounds up") << 0.3 << qint64(3);
  QTest::newRow("at least one") << 0.01 << qint64(1);
}

void TestTraining::ohemKeepsTheHardest() {
  QFETCH(double, fraction);
  QFETCH(qint64, kept);
  const at::Tensor losses = at::tensor({0.5f, 3.0f, 0.1f, 2.0f, 0.7f, 4.0f, 0.2f, 1.0f});  // (8)
  const at::Tensor hardest = hardestExamples(losses, fraction);
  QCOMPARE(hardest.size(0), kept);
  const std::vector<int64_t> order = {5, 1, 3, 7, 4, 0, 6, 2};  // by loss, descending
  for (int64_t i = 0; i < kept; ++i) QCOMPARE(hardest[i].item<int64_t>(), order[static_cast<size_t>(i)]);
  // The loss over the kept samples is their plain mean (no weights, no smoothing).
  const at::Tensor logits = at::zeros({8, 2});
  LossOptions options;
  options.ohemFraction = fraction;
  const double loss = trainingLoss(logits, at::zeros({8}, at::kLong), options).item<double>();
  QVERIFY(std::abs(loss - std::log(2.0)) < 1e-6);
}

void TestTraining::flipMirrors() {
  std::vector<uint8_t> src(2 * 3 * 3), dst(src.size());
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<uint8_t>(i + 1);
  shiftFlipImage(src.data(), dst.data(), 2, 3, 0, 0, true);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 3; ++x) {
      for (int c = 0; c < 3; ++c) QCOMPARE(dst[(y * 3 + x) * 3 + c], src[(y * 3 + (2 - x)) * 3 + c]);
    }
  }
}

void TestTraining::cropShiftsAndPadsWithZeros() {
  const int size = 6;
  std::vector<uint8_t> src(size * size * 3, 0), dst(src.size());
  src[(2 * size + 3) * 3] = 200;  // one red pixel at (y 2, x 3)
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<uint8_t>(src[i] ? src[i] : 100);
  shiftFlipImage(src.data(), dst.data(), size, size, 1, -2, false);                   // dst(y, x) = src(y + 1, x - 2)
  QCOMPARE(int(dst[(1 * size + 5) * 3]), 200);                                        // moved to (1, 5)
  for (int x = 0; x < 2; ++x) QCOMPARE(int(dst[(0 * size + x) * 3 + 1]), 0);          // left columns padded
  for (int x = 0; x < size; ++x) QCOMPARE(int(dst[((size - 1) * size + x) * 3]), 0);  // bottom row padded
  QCOMPARE(int(dst[(0 * size + 2) * 3 + 1]), 100);
}

void TestTraining::scanSortsClasses() {
  const ImageFolder folder = scanImageFolder(tiny_.toStdString());
  QCOMPARE(folder.classes, (std::vector<std::string>{"class0", "class1", "class2"}));
  QCOMPARE(folder.files.size(), size_t(120));
  QCOMPARE(folder.labels.front(), int64_t(0));
  QCOMPARE(folder.labels.back(), int64_t(2));
}

void TestTraining::scanErrors_data() {
  QTest::addColumn<QString>("layout");  // sub-folders to create, comma separated; "-" for a missing root
  QTest::addColumn<QString>("message");
  QTest::newRow("missing") << "-"
                           << "not a folder";
  QTest::newRow("no classes") << ""
                              << "no class folders";
  QTest::newRow("empty class") << "a,b"
                               << "holds no images";
}

void TestTraining::scanErrors() {
  QFETCH(QString, layout);
  QFETCH(QString, message);
  const QString root = dir_.filePath(QString("scan-%1").arg(QTest::currentDataTag()));
  if (layout != "-") {
    QDir().mkpath(root);
    for (const QString& sub : layout.split(',', Qt::SkipEmptyParts)) QDir().mkpath(root + "/" + sub);
    if (layout.contains('a')) QVERIFY(cv::imwrite((root + "/a/x.png").toStdString(), cv::Mat(4, 4, CV_8UC3)));
  }
  try {
    scanImageFolder(root.toStdString());
    QFAIL("no error");
  } catch (const DatasetError& error) {
    QVERIFY2(QString(error.what()).contains(message), error.what());
  }
}

void TestTraining::corruptImageIsNamed() {
  const QString root = dir_.filePath("corrupt");
  QDir().mkpath(root + "/cat");
  QVERIFY(cv::imwrite((root + "/cat/good.png").toStdString(), cv::Mat(32, 32, CV_8UC3, cv::Scalar(1, 2, 3))));
  QFile bad(root + "/cat/bad.png");
  QVERIFY(bad.open(QIODevice::WriteOnly));
  bad.write("\x89PNG\r\n\x1a\nnot really");
  bad.close();
  const ImageFolder folder = scanImageFolder(root.toStdString());
  try {
    decodeImages(folder, {0, 1}, 32, 32, 2);
    QFAIL("no error");
  } catch (const DatasetError& error) {
    QVERIFY2(QString(error.what()).contains("bad.png"), error.what());
  }
}

void TestTraining::holdoutIsSeededAndDisjoint() {
  const Split a = holdoutSplit(100, 20, 5);
  QCOMPARE(a.val.size(), size_t(20));
  QCOMPARE(a.train.size(), size_t(80));
  std::vector<int64_t> all = a.train;
  all.insert(all.end(), a.val.begin(), a.val.end());
  std::sort(all.begin(), all.end());
  for (int64_t i = 0; i < 100; ++i) QCOMPARE(all[static_cast<size_t>(i)], i);
  QCOMPARE(holdoutSplit(100, 20, 5).val, a.val);
  QVERIFY(holdoutSplit(100, 20, 6).val != a.val);
  QVERIFY_THROWS_EXCEPTION(DatasetError, holdoutSplit(10, 10, 0));
}

void TestTraining::trainingLearns() {
  const TrainData data = loadTiny(tiny_, 30);
  TrainOutputs outputs;
  outputs.modelPath = dir_.filePath("learn.safetensors").toStdString();
  const TrainResult result = trainModel(tinyOptions(3, 6), data, outputs, {});
  QCOMPARE(result.epochsDone, 6);
  QVERIFY2(result.valAcc >= 0.9, qPrintable(QString("val accuracy %1").arg(result.valAcc)));
  QVERIFY(result.history.back().trainLoss < result.history.front().trainLoss);
  // The model file carries what inference needs.
  const LoadedModel loaded = loadAnyModel(outputs.modelPath, c10::Device(c10::kCPU));
  QCOMPARE(loaded.meta.labels, data.classes);
  QCOMPARE(loaded.meta.mean, data.stats.mean);
  QCOMPARE(loaded.meta.provenance.at("epochs"), std::string("6"));
  // Evaluating the file on the whole folder agrees that it learned.
  const Evaluation evaluation = evaluateModelFile(outputs.modelPath, tiny_.toStdString(), 32, 2);
  QCOMPARE(evaluation.images, int64_t(120));
  QVERIFY2(evaluation.confusion.accuracy() >= 0.9, qPrintable(QString::number(evaluation.confusion.accuracy())));
}

void TestTraining::resumeMatchesUninterruptedRun() {
  const TrainData data = loadTiny(tiny_, 30);
  const TrainOptions options = tinyOptions(3, 4);
  TrainOutputs straight;
  straight.modelPath = dir_.filePath("straight.safetensors").toStdString();
  trainModel(options, data, straight, {});

  // Ctrl-C during epoch 3: the half epoch is dropped, the checkpoint of epoch 2 stays.
  TrainOutputs resumed;
  resumed.modelPath = dir_.filePath("resumed.safetensors").toStdString();
  std::atomic<bool> stop{false};
  TrainCallbacks callbacks;
  callbacks.stop = &stop;
  callbacks.onBatch = [&stop](const BatchProgress& progress) {
    if (progress.epoch == 3 && progress.batch == 2) stop = true;
  };
  const TrainResult first = trainModel(options, data, resumed, callbacks);
  QVERIFY(first.interrupted);
  QCOMPARE(first.epochsDone, 2);
  QCOMPARE(lineCount(metricsPath(resumed.modelPath)), 3);
  resumed.resume = true;
  const TrainResult second = trainModel(options, data, resumed, {});
  QVERIFY(!second.interrupted);
  QCOMPARE(second.epochsDone, 4);
  QCOMPARE(lineCount(metricsPath(resumed.modelPath)), 5);  // header + 4 epochs

  const LoadedModel a = loadAnyModel(straight.modelPath, c10::Device(c10::kCPU));
  const LoadedModel b = loadAnyModel(resumed.modelPath, c10::Device(c10::kCPU));
  const auto pa = a.model->named_parameters(), pb = b.model->named_parameters();
  for (const auto& item : pa) {
    const double difference = (item.value() - pb[item.key()]).abs().max().item<double>();
    QVERIFY2(difference <= 1e-6, qPrintable(QString::fromStdString(item.key()) + " " + QString::number(difference)));
  }

  // A different architecture is refused.
  TrainOptions other = options;
  other.config.embedDim = 16;
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, trainModel(other, data, resumed, {}));
}

void TestTraining::confusionMatrixNumbers() {
  ConfusionMatrix confusion({"cat", "dog", "bird"});
  const int pairs[][2] = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}, {2, 2}, {2, 2}};
  for (const auto& pair : pairs) confusion.add(pair[0], pair[1]);
  QCOMPARE(confusion.total(), int64_t(8));
  QCOMPARE(confusion.accuracy(), 6.0 / 8.0);
  QCOMPARE(confusion.classAccuracy(0), 2.0 / 3.0);
  QCOMPARE(confusion.classAccuracy(1), 0.5);
  QCOMPARE(confusion.classAccuracy(2), 1.0);
  QCOMPARE(confusion.count(1, 2), int64_t(1));
  const QString table = QString::fromStdString(confusion.table());
  QCOMPARE(table.count('\n'), 5);  // header, rule, three rows
  QVERIFY(table.contains("bird"));
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, confusion.add(3, 0));
}

void TestTraining::folderLabelMismatchIsAnError() {
  QCOMPARE(matchFoldersToLabels({"dog", "cat"}, {"cat", "dog", "bird"}), (std::vector<int64_t>{1, 0}));
  try {
    matchFoldersToLabels({"cat", "zebra"}, {"cat", "dog"});
    QFAIL("no error");
  } catch (const std::runtime_error& error) {
    QVERIFY2(QString(error.what()).contains("'zebra'"), error.what());
  }
}

QTEST_MAIN(TestTraining)
#include "tst_training.moc"

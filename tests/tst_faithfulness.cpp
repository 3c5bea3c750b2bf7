// Faithfulness scores (analysis/faithfulness.h): ranking, areas, the blur, and a synthetic task whose right answer
// is known: the class is decided by one coloured patch, so a faithful map puts that patch first and removing it
// costs the accuracy at once, while a random ranking removes it only on average half-way.
#include <ATen/ATen.h>
#include <torch/optim/adam.h>

#include <QtTest>

#include "analysis/explanation.h"
#include "analysis/faithfulness.h"

using vitlens::MapMethod;
using vitlens::MapRequest;

namespace {

constexpr int64_t kGrid = 4;   // 4 x 4 patches
constexpr int64_t kPatch = 4;  // of 4 x 4 pixels: 16 x 16 images

vitlens::VitConfig tinyConfig() {
  vitlens::VitConfig c;
  c.imageHeight = c.imageWidth = kGrid * kPatch;
  c.patchSize = kPatch;
  c.embedDim = 32;
  c.depth = 2;
  c.numHeads = 2;
  c.mlpDim = 64;
  c.numClasses = 2;
  return c;
}

// Grey noise with one patch at a random place: +2 in the red channel for class 0, in the green one for class 1.
std::pair<at::Tensor, at::Tensor> makeImages(int64_t count, uint64_t seed) {
  at::manual_seed(seed);
  at::Tensor images = at::randn({count, 3, kGrid * kPatch, kGrid * kPatch}) * 0.1;  // (N, 3, 16, 16)
  const at::Tensor labels = at::randint(0, 2, {count}, at::kLong);
  const at::Tensor where = at::randint(0, kGrid * kGrid, {count}, at::kLong);
  for (int64_t i = 0; i < count; ++i) {
    const int64_t p = where[i].item<int64_t>();
    images[i][labels[i].item<int64_t>()]
        .narrow(0, (p / kGrid) * kPatch, kPatch)
        .narrow(1, (p % kGrid) * kPatch, kPatch)
        .fill_(2.0);
  }
  return {images, labels};
}

}  // namespace

class TestFaithfulness : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    at::manual_seed(0);
    model_ = vitlens::VisionTransformer(tinyConfig());
    auto [images, labels] = makeImages(2048, 1);
    torch::optim::Adam optimizer(model_->parameters(), torch::optim::AdamOptions(3e-3));
    for (int step = 0; step < 200; ++step) {
      const at::Tensor index = at::randint(0, images.size(0), {64}, at::kLong);
      optimizer.zero_grad();
      const at::Tensor loss =
          at::cross_entropy_loss(model_->forward(images.index_select(0, index)).logits, labels.index_select(0, index));
      loss.backward();
      optimizer.step();
    }
    at::NoGradGuard noGrad;
    auto [test, testLabels] = makeImages(200, 2);
    test_ = test;
    testLabels_ = testLabels;
    const double accuracy = model_->forward(test).logits.argmax(1).eq(testLabels).to(at::kDouble).mean().item<double>();
    QVERIFY2(accuracy > 0.95, qPrintable(QString("the tiny model learned only %1").arg(accuracy)));
  }

  void knownPatchIsFoundFirst_data() {
    QTest::addColumn<int>("method");
    QTest::addColumn<double>("margin");  // how far below random the positive AUC must be
    QTest::newRow("occlusion") << static_cast<int>(MapMethod::Occlusion) << 15.0;
    QTest::newRow("gae") << static_cast<int>(MapMethod::Gae) << 10.0;
  }
  void knownPatchIsFoundFirst() {
    QFETCH(int, method);
    QFETCH(double, margin);
    const std::vector<double> steps{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    double positive = 0.0, negative = 0.0, randomPositive = 0.0, randomNegative = 0.0;
    const int64_t images = 100;
    for (int64_t i = 0; i < images; ++i) {
      const at::Tensor input = test_.narrow(0, i, 1);
      const int64_t label = testLabels_[i].item<int64_t>();
      MapRequest request;
      request.method = static_cast<MapMethod>(method);
      const at::Tensor map = vitlens::explanationMap(model_, input, request, label);
      const vitlens::PerturbationCurves c = vitlens::perturbationCurves(model_, input, map, label, steps);
      positive += vitlens::areaUnderCurve(c.x, c.positive) / images;
      negative += vitlens::areaUnderCurve(c.x, c.negative) / images;
      MapRequest random;
      random.method = MapMethod::Random;
      random.seed = static_cast<uint64_t>(i);
      const at::Tensor noise = vitlens::explanationMap(model_, input, random, label);
      const vitlens::PerturbationCurves r = vitlens::perturbationCurves(model_, input, noise, label, steps);
      randomPositive += vitlens::areaUnderCurve(r.x, r.positive) / images;
      randomNegative += vitlens::areaUnderCurve(r.x, r.negative) / images;
    }
    qInfo("positive AUC %.1f (random %.1f), negative AUC %.1f (random %.1f)", positive, randomPositive, negative,
          randomNegative);
    QVERIFY2(positive < randomPositive - margin, qPrintable(QString("%1 vs %2").arg(positive).arg(randomPositive)));
    QVERIFY2(negative > randomNegative, qPrintable(QString("%1 vs %2").arg(negative).arg(randomNegative)));
  }

  void curvesStartFromTheUnchangedImage() {
    const at::Tensor input = test_.narrow(0, 0, 1);
    const int64_t label = testLabels_[0].item<int64_t>();
    const at::Tensor map = at::arange(16, at::kFloat).reshape({4, 4});
    const vitlens::PerturbationCurves c = vitlens::perturbationCurves(model_, input, map, label, {0.25, 0.5});
    QCOMPARE(c.x, (std::vector<double>{0.0, 0.25, 0.5}));
    QCOMPARE(c.positive.size(), size_t{3});
    QCOMPARE(c.positive[0], c.negative[0]);  // nothing removed yet
    at::NoGradGuard noGrad;
    const at::Tensor probabilities = at::softmax(model_->forward(input).logits, -1)[0];
    const int64_t predicted = probabilities.argmax().item<int64_t>();
    QVERIFY(std::abs(c.deletion[0] - probabilities[predicted].item<double>()) < 1e-6);
    // Insertion starts from the blurred image; with every ranked patch restored it would be the image itself.
    const double blurred =
        at::softmax(model_->forward(vitlens::blurredInput(input)).logits, -1)[0][predicted].item<double>();
    QVERIFY(std::abs(c.insertion[0] - blurred) < 1e-6);
    // Removing 25 % of 16 patches is 4: the top 4 by this map are 15, 14, 13, 12 (the last row).
    QCOMPARE(vitlens::rankPatches(map, true)[0], int64_t{15});
    QCOMPARE(vitlens::rankPatches(map, false)[0], int64_t{0});
  }

  void rankingBreaksTiesByIndex() {
    const at::Tensor map = at::tensor({0.5f, 0.1f, 0.5f, 0.1f}).reshape({2, 2});
    QCOMPARE(vitlens::rankPatches(map, true), (std::vector<int64_t>{0, 2, 1, 3}));
    QCOMPARE(vitlens::rankPatches(map, false), (std::vector<int64_t>{1, 3, 0, 2}));
  }

  void areaIsTheTrapezoidTimes100() {
    QCOMPARE(vitlens::areaUnderCurve({0.0, 0.5, 0.9}, {1.0, 1.0, 1.0}), 90.0);
    QCOMPARE(vitlens::areaUnderCurve({0.0, 0.1, 0.2}, {1.0, 0.0, 0.0}), 5.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::areaUnderCurve({0.0, 0.1}, {1.0}));
  }

  void blurKeepsAConstantAndSmoothsNoise() {
    const at::Tensor constant = at::full({1, 3, 16, 16}, 0.7);
    QVERIFY(at::allclose(vitlens::blurredInput(constant), constant, 1e-5, 1e-6));
    at::manual_seed(4);
    const at::Tensor noise = at::randn({1, 3, 32, 48});
    const at::Tensor blurred = vitlens::blurredInput(noise);
    QCOMPARE(blurred.sizes().vec(), noise.sizes().vec());
    QVERIFY(blurred.std().item<double>() < 0.5 * noise.std().item<double>());
  }

  void refusesBadSteps() {
    const at::Tensor input = test_.narrow(0, 0, 1);
    const at::Tensor map = at::zeros({4, 4});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::perturbationCurves(model_, input, map, 0, {0.5, 0.2}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::perturbationCurves(model_, input, map, 0, {1.0}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             vitlens::perturbationCurves(model_, input, at::zeros({3, 3}), 0, {0.5}));
  }

 private:
  vitlens::VisionTransformer model_{nullptr};
  at::Tensor test_;
  at::Tensor testLabels_;
};

QTEST_GUILESS_MAIN(TestFaithfulness)
#include "tst_faithfulness.moc"

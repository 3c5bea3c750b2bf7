// Running where memory is short (README, "GPU"): capturing only the layers a view needs, captured maps kept in
// the compute dtype, a model that goes back to float32 (its weights in the layout float32 runs), and CUDA's
// out-of-memory error answered by redoing the work on the CPU, in the engine, the CLI and the window's session. Without
// a GPU the error is simulated (vitlens::simulateOutOfMemory, VITLENS_SIMULATE_OOM), which takes the same catch as the
// real one.
#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <c10/util/Exception.h>
#include <opencv2/core.hpp>

#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <string>
#include <vector>

#include "analysis/map_request.h"
#include "cli_runner.h"
#include "engine/engine.h"
#include "gui_test_support.h"
#include "imaging/image_decode.h"
#include "model/device_memory.h"
#include "model/vision_transformer.h"
#include "ui/model_session.h"

using namespace vitlens;
using vitlens::ui::ModelSession;

namespace {

double maxDifference(const cv::Mat& a, const cv::Mat& b) { return cv::norm(a, b, cv::NORM_INF); }

VisionTransformer seededModel() {
  at::manual_seed(21);
  VisionTransformer model(VitConfig::preset("cifar-seed"));
  model->eval();
  return model;
}

std::vector<torch::nn::LinearImpl*> linearsOf(VisionTransformer& model) {
  std::vector<torch::nn::LinearImpl*> linears;
  for (const auto& module : model->modules(false)) {
    if (auto* linear = module->as<torch::nn::LinearImpl>()) linears.push_back(linear);
  }
  return linears;
}

}  // namespace

class TestDeviceFallback : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    modelPath_ = testModelPath(dir_);
    rgb_ = decodeImageFile(samplePath("chelsea.jpg").toStdString());
    QVERIFY(!rgb_.empty());
  }
  void cleanup() { simulateOutOfMemory(0); }

  void captureKeepsOnlyTheAskedLayers_data() {
    QTest::addColumn<std::vector<int>>("layers");
    QTest::newRow("the last") << std::vector<int>{3};
    QTest::newRow("the first") << std::vector<int>{0};
    QTest::newRow("two") << std::vector<int>{1, 3};
    QTest::newRow("every one (empty list)") << std::vector<int>{};
  }
  void captureKeepsOnlyTheAskedLayers() {
    QFETCH(std::vector<int>, layers);
    at::NoGradGuard noGrad;
    VisionTransformer model = seededModel();
    const at::Tensor input = at::randn({2, 3, 32, 32});
    const VitOutput all = model->forward(input, true);
    AttentionCapture capture;
    capture.layers = layers;
    const VitOutput some = model->forward(input, capture);
    // The layers left out take the kernel without probabilities, which computes the same bits.
    QVERIFY(at::equal(some.logits, all.logits));
    QCOMPARE(some.attention.size(), all.attention.size());
    for (size_t layer = 0; layer < all.attention.size(); ++layer) {
      const bool kept = capture.keeps(static_cast<int64_t>(layer));
      QCOMPARE(some.attention[layer].defined(), kept);
      if (kept) QVERIFY(at::equal(some.attention[layer], all.attention[layer]));
    }
  }

  void capturedMapsStayInTheComputeDtype() {
    VisionTransformer model = seededModel();
    const at::Tensor input = at::randn({1, 3, 32, 32});
    const VitOutput reference = [&] {
      at::NoGradGuard noGrad;
      return model->forward(input, true);
    }();
    model->setComputeDtype(ComputeDtype::BFloat16);
    {
      at::NoGradGuard noGrad;
      const VitOutput reduced = model->forward(input, true);
      QCOMPARE(reduced.attention.front().scalar_type(), at::kBFloat16);  // half the memory, no conversion
      const double difference =
          (reduced.attention.back().to(at::kFloat) - reference.attention.back()).abs().max().item<double>();
      QVERIFY2(difference < 0.02, std::to_string(difference).c_str());
    }
    // With gradients (explanations) the maps are float32 on the graph's path.
    const VitOutput graph = model->forward(input, true);
    QCOMPARE(graph.attention.front().scalar_type(), at::kFloat);
    QVERIFY(graph.attention.front().requires_grad());
  }

  void float32AgainUndoesReducedPrecision_data() {
    QTest::addColumn<int>("dtype");
    QTest::addColumn<double>("tolerance");  // bfloat16 rounded the weights it held; int8 kept them
    QTest::newRow("from bfloat16") << static_cast<int>(ComputeDtype::BFloat16) << 0.05;
    QTest::newRow("from int8") << static_cast<int>(ComputeDtype::Int8) << 0.0;
  }
  void float32AgainUndoesReducedPrecision() {
    QFETCH(int, dtype);
    QFETCH(double, tolerance);
    at::NoGradGuard noGrad;
    VisionTransformer model = seededModel();
    model->setComputeDtype(ComputeDtype::Float32);  // float32 as the app runs it (its weights' layout included)
    const at::Tensor input = at::randn({4, 3, 32, 32});
    const at::Tensor before = model->forward(input).logits;
    model->setComputeDtype(static_cast<ComputeDtype>(dtype));
    model->setComputeDtype(ComputeDtype::Float32);
    for (const at::Tensor& parameter : model->parameters()) QCOMPARE(parameter.scalar_type(), at::kFloat);
    const double difference = (model->forward(input).logits - before).abs().max().item<double>();
    QVERIFY2(difference <= tolerance, std::to_string(difference).c_str());
  }

  // setComputeDtype stores float32 Linear weights as the transpose of a contiguous (in, out) matrix (faster
  // small matrix products) and reduced-precision ones contiguous: the values, shapes and results must not change.
  // From LibTorch's layout the float32 re-layout happens in the weight's own storage (a new copy per weight left
  // the old ones as holes in the heap), unless another tensor shares that storage, which must keep its values.
  void weightLayoutKeepsTheValues_data() {
    QTest::addColumn<int>("via");       // the dtype set before float32
    QTest::addColumn<bool>("aliased");  // another tensor holds the weights' storage
    QTest::newRow("float32 directly") << static_cast<int>(ComputeDtype::Float32) << false;
    QTest::newRow("float32, weights shared") << static_cast<int>(ComputeDtype::Float32) << true;
    QTest::newRow("after bfloat16") << static_cast<int>(ComputeDtype::BFloat16) << false;
    QTest::newRow("after int8") << static_cast<int>(ComputeDtype::Int8) << false;
  }
  void weightLayoutKeepsTheValues() {
    QFETCH(int, via);
    QFETCH(bool, aliased);
    at::NoGradGuard noGrad;
    VisionTransformer model = seededModel();
    const at::Tensor input = at::randn({2, 3, 32, 32});
    const VitOutput before = model->forward(input, true);  // LibTorch's own contiguous layout
    const std::vector<torch::nn::LinearImpl*> linears = linearsOf(model);
    QCOMPARE(linears.size(), size_t(4 * 4 + 1));  // qkv, proj, fc1, fc2 per block, and the head
    std::vector<at::Tensor> weights;
    std::vector<at::Tensor> aliases;  // views of the weights' own storage
    std::vector<const void*> storages;
    for (const auto* linear : linears) {
      weights.push_back(linear->weight.clone());
      storages.push_back(linear->weight.data_ptr());
      if (aliased) aliases.push_back(linear->weight.detach());
    }

    model->setComputeDtype(static_cast<ComputeDtype>(via));
    if (static_cast<ComputeDtype>(via) == ComputeDtype::BFloat16) {
      for (const auto* linear : linears) QVERIFY(linear->weight.is_contiguous());
    }
    model->setComputeDtype(ComputeDtype::Float32);
    const double tolerance = static_cast<ComputeDtype>(via) == ComputeDtype::BFloat16 ? 1e-3 : 0.0;
    for (size_t i = 0; i < linears.size(); ++i) {
      const at::Tensor& weight = linears[i]->weight;
      QCOMPARE(weight.sizes(), weights[i].sizes());  // still (out, in)
      QVERIFY(weight.t().is_contiguous());           // stored (in, out)
      QVERIFY(!weight.is_contiguous());
      QVERIFY((weight - weights[i]).abs().max().item<double>() <= tolerance);
      if (static_cast<ComputeDtype>(via) == ComputeDtype::Float32) {
        QCOMPARE(weight.data_ptr() == storages[i], !aliased);  // in place unless shared
      }
      if (aliased) QVERIFY(at::equal(aliases[i], weights[i]));  // the other tensor reads what it read
    }
    if (static_cast<ComputeDtype>(via) == ComputeDtype::BFloat16) return;  // rounded weights: other logits
    const VitOutput after = model->forward(input, true);
    QVERIFY(torch::allclose(after.logits, before.logits, 1e-5, 1e-5));
    for (size_t layer = 0; layer < after.attention.size(); ++layer) {
      QVERIFY(torch::allclose(after.attention[layer], before.attention[layer], 1e-5, 1e-6));
    }
  }

  void engineCapturesOnlyTheAskedLayers() {
    Engine engine(modelPath_.toStdString(), DeviceChoice::Cpu);
    const int last = static_cast<int>(engine.meta().config.depth) - 1;
    const HeadSelection mean{HeadReduce::Mean, 0};
    const ImageAnalysis full = engine.analyse(rgb_, 1, true);
    const ImageAnalysis one = engine.analyse(rgb_, 1, true, {}, {last});
    QCOMPARE(one.attention->layers(), full.attention->layers());
    QVERIFY(one.attention->captured(last));
    QVERIFY(!one.attention->captured(0));
    QCOMPARE(maxDifference(one.attention->map(last, mean, 5), full.attention->map(last, mean, 5)), 0.0);
    QCOMPARE(one.classification.top.front().index, full.classification.top.front().index);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, one.attention->map(0, mean));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, one.attention->rollout(HeadReduce::Mean, 0.9));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, one.attention->meanDistances());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, engine.analyse(rgb_, 1, true, {}, {last + 1}));
  }

  void outOfMemoryMessageIsOneLine() {
    simulateOutOfMemory(1);
    try {
      throwIfOutOfMemorySimulated();
      QFAIL("the simulated error was not thrown");
    } catch (const c10::OutOfMemoryError& error) {
      QVERIFY(isOutOfMemory(error));
      QVERIFY(isSimulatedOutOfMemory(error));
      const std::string summary = outOfMemorySummary(error);
      // The allocator's figures and advice, and the stack trace, are dropped.
      QCOMPARE(summary, std::string("CUDA out of memory (simulated). Tried to allocate 2.00 GiB"));
    }
    throwIfOutOfMemorySimulated();  // once only
    const std::runtime_error other("not memory");
    QVERIFY(!isOutOfMemory(other));
  }

  void outOfMemoryRedoesTheWorkOnTheCpu_data() {
    QTest::addColumn<QString>("work");
    for (const char* work :
         {"analyse", "classify", "explain", "experiment", "logit lens", "token norms", "head scan"}) {
      QTest::newRow(work) << QString::fromLatin1(work);
    }
  }
  void outOfMemoryRedoesTheWorkOnTheCpu() {
    QFETCH(QString, work);
    Engine engine(modelPath_.toStdString(), DeviceChoice::Cpu);
    std::vector<std::string> notices;
    engine.setNoticeHandler([&](const std::string& message) { notices.push_back(message); });
    // What each entry point answers, as numbers to compare: the same work with and without the failure.
    const auto answer = [&]() -> cv::Mat {
      MapRequest gae;
      gae.method = MapMethod::Gae;
      if (work == "analyse") return engine.analyse(rgb_, 3, true).attention->map(1, {HeadReduce::Mean, 0});
      if (work == "classify") return cv::Mat(engine.classify(rgb_, 3, {}).probabilities, true);
      if (work == "explain") return engine.explain(rgb_, gae).map;
      if (work == "experiment") return cv::Mat(engine.experiment(rgb_, 3).classification.probabilities, true);
      if (work == "logit lens") {
        std::vector<float> top;
        for (const LensLayer& layer : engine.logitLens(rgb_, 1)) top.push_back(layer.top.front().probability);
        return cv::Mat(top, true);
      }
      if (work == "token norms") return engine.tokenNorms(rgb_, -1).patches;
      return engine.ablateScan(rgb_, -1, 8).delta;
    };
    const cv::Mat expected = answer();
    const size_t notesBefore = engine.notes().size();
    simulateOutOfMemory(1);
    const cv::Mat redone = answer();
    QCOMPARE(notices.size(), size_t{1});
    QVERIFY2(notices.front().find("ran out of memory") != std::string::npos, notices.front().c_str());
    QVERIFY(notices.front().find("moved to the CPU") != std::string::npos);
    QCOMPARE(engine.notes().size(), notesBefore + 1);
    QCOMPARE(engine.device(), std::string("cpu"));
    QCOMPARE(maxDifference(redone, expected), 0.0);
  }

  void cliWarnsAndStillAnswers() {
    QStringList arguments{QStringLiteral("classify"), samplePath("chelsea.jpg"), QStringLiteral("--topk"),
                          QStringLiteral("3")};
    if (!modelPath_.isEmpty()) arguments << QStringLiteral("--model") << modelPath_;
    const Result plain = runCli(arguments);
    QCOMPARE(plain.exitCode, 0);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("VITLENS_SIMULATE_OOM"), QStringLiteral("1"));
    const Result failing = runProgram(QStringLiteral(VITLENS_CLI_PATH), arguments, environment);
    QCOMPARE(failing.exitCode, 0);
    QVERIFY2(failing.err.contains("vitlens-cli: warning: ") && failing.err.contains("ran out of memory"),
             failing.err.constData());
    QCOMPARE(failing.err.count('\n'), 1);  // one line, no allocator advice
    // The same answer, apart from the time it took.
    const auto withoutTimes = [](QByteArray text) {
      return QString::fromUtf8(text).remove(QRegularExpression(QStringLiteral("[0-9.]+ ms")));
    };
    QCOMPARE(withoutTimes(failing.out), withoutTimes(plain.out));
  }

  void sessionTellsTheWindowWhereTheModelWent() {
    ModelSession session;
    QSignalSpy moved(&session, &ModelSession::modelMoved);
    QSignalSpy ready(&session, &ModelSession::imageReady);
    session.start(modelPath_, DeviceChoice::Cpu, false);
    session.waitForIdle();
    QVERIFY(session.model() != nullptr);
    simulateOutOfMemory(1);
    session.openImageFile(samplePath("chelsea.jpg"));
    session.waitForIdle();
    QCoreApplication::processEvents();
    QCOMPARE(ready.count(), 1);  // the image was still classified
    QCOMPARE(moved.count(), 1);
    const QString message = moved.last().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("ran out of memory")), qPrintable(message));
    QCOMPARE(session.model()->device, QStringLiteral("cpu"));
    QVERIFY(session.model()->notes.contains(message));
    QCOMPARE(session.device(), DeviceChoice::Cpu);
  }

 private:
  QTemporaryDir dir_;
  QString modelPath_;
  cv::Mat rgb_;
};

QTEST_MAIN(TestDeviceFallback)
#include "tst_device_fallback.moc"

// One query's attention worked out step by step (the tour's q·kᵀ/√d table and patch embedding), against an
// independent float64 Python computation (tests/fixtures/make_query_trace.py) and against the attention the model
// captures in its own forward pass.
#include <ATen/ATen.h>
#include <opencv2/core.hpp>

#include <string>

#include "engine/engine.h"
#include "model/model_source.h"
#include "model/query_trace.h"
#include "model/query_trace_compute.h"
#include "model/safetensors.h"

#include <QtTest>

using namespace vitlens;

namespace {

std::string fixture(const std::string& name) { return std::string(VITLENS_FIXTURES_DIR) + "/" + name; }

// Largest |a - b| over max(1, |b|), so small and large values get the same relative room.
double worstDifference(const std::vector<float>& actual, const at::Tensor& expected) {
  const at::Tensor a = at::tensor(actual, at::kDouble);
  const at::Tensor b = expected.to(at::kDouble).reshape({-1});
  if (a.numel() != b.numel()) return 1e9;
  return ((a - b).abs() / b.abs().clamp_min(1.0)).max().item<double>();
}

}  // namespace

class TestQueryTrace : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void matchesFloat64Reference_data();
  void matchesFloat64Reference();
  void weightsAreTheCapturedAttention_data();
  void weightsAreTheCapturedAttention();
  void badRequestsThrow();
};

void TestQueryTrace::matchesFloat64Reference_data() {
  QTest::addColumn<QString>("config");
  QTest::addColumn<int>("layer");
  QTest::addColumn<int>("head");
  QTest::addColumn<int>("query");  // -1: the class token
  for (int layer : {0, 1}) {
    for (int head : {0, 3}) {
      for (int query : {-1, 0, 13, 23}) {
        QTest::addRow("token16x24 L%d h%d q%d", layer, head, query) << "token16x24" << layer << head << query;
      }
    }
    for (int head : {0, 1}) {
      for (int query : {0, 5})
        QTest::addRow("avg8x12 L%d h%d q%d", layer, head, query) << "avg8x12" << layer << head << query;
    }
  }
}

void TestQueryTrace::matchesFloat64Reference() {
  QFETCH(QString, config);
  QFETCH(int, layer);
  QFETCH(int, head);
  QFETCH(int, query);
  const std::string name = config.toStdString();
  auto loaded = loadAnyModel(fixture("model_" + name + "_f32.safetensors"), at::kCPU);
  const auto io = readSafetensors(fixture("io_" + name + ".safetensors"));
  const auto reference = readSafetensors(fixture("io_query_trace_" + name + ".safetensors"));
  const at::Tensor input = io.find("input")->slice(0, 0, 1);  // (1, C, H, W): the reference's first image

  const QueryTrace trace = traceQuery(loaded.model, input, layer, head, query);
  const std::string key = query < 0 ? "cls" : std::to_string(query);
  const std::string suffix = std::to_string(layer) + "." + std::to_string(head) + "." + key;
  const at::Tensor* scores = reference.find("scores." + suffix);
  const at::Tensor* weights = reference.find("weights." + suffix);
  QVERIFY2(scores && weights, "fixture missing: run tests/fixtures/make_query_trace.py");
  QCOMPARE(static_cast<int64_t>(trace.scores.size()), loaded.meta.config.numTokens());
  QVERIFY2(worstDifference(trace.scores, *scores) < 1e-4,
           qPrintable(QString::number(worstDifference(trace.scores, *scores))));
  QVERIFY(worstDifference(trace.weights, *weights) < 1e-5);
  QVERIFY(scores->abs().max().item<double>() > 0.1);  // a real signal, not zeros matching zeros
  QCOMPARE(trace.headDim, static_cast<int>(loaded.meta.config.headDim()));
  QCOMPARE(trace.queryToken, query < 0 ? 0 : static_cast<int>(loaded.meta.config.numPrefixTokens()) + query);
  if (query >= 0) {
    QVERIFY(worstDifference(trace.patchPixels, *reference.find("pixels." + key)) < 1e-6);
    QVERIFY(worstDifference(trace.embedding, *reference.find("embedding." + key)) < 1e-4);
    QCOMPARE(static_cast<int64_t>(trace.embedding.size()), loaded.meta.config.embedDim);
  } else {
    QVERIFY(trace.embedding.empty());
  }
}

void TestQueryTrace::weightsAreTheCapturedAttention_data() {
  QTest::addColumn<QString>("config");
  QTest::addColumn<int>("query");
  QTest::newRow("class token") << "token16x24" << -1;
  QTest::newRow("patch 9, with a class token") << "token16x24" << 9;
  QTest::newRow("patch 4, no class token") << "avg8x12" << 4;
}

void TestQueryTrace::weightsAreTheCapturedAttention() {
  QFETCH(QString, config);
  QFETCH(int, query);
  Engine engine(fixture("model_" + config.toStdString() + "_f32.safetensors"), DeviceChoice::Cpu);
  cv::Mat rgb(45, 70, CV_8UC3);
  cv::randu(rgb, cv::Scalar::all(0), cv::Scalar::all(255));
  const ImageAnalysis analysis = engine.analyse(rgb, 3, true);
  const AttentionSet& attention = *analysis.attention;
  for (int layer = 0; layer < attention.layers(); ++layer) {
    for (int head = 0; head < attention.heads(); ++head) {
      const QueryTrace trace = engine.queryTrace(rgb, layer, head, query);
      const HeadSelection one{HeadReduce::Single, head};
      const cv::Mat map = attention.map(layer, one, query);  // the weights on the patches, as the window shows them
      for (int patch = 0; patch < map.rows * map.cols; ++patch) {
        const float shown = map.at<float>(patch / map.cols, patch % map.cols);
        QVERIFY2(std::abs(shown - trace.weights[static_cast<size_t>(trace.prefixTokens + patch)]) < 1e-5,
                 qPrintable(QString("layer %1 head %2 patch %3").arg(layer).arg(head).arg(patch)));
      }
      const std::vector<float> prefix = attention.prefixAttention(layer, one, query);
      for (size_t i = 0; i < prefix.size(); ++i) QVERIFY(std::abs(prefix[i] - trace.weights[i]) < 1e-5);
      double sum = 0.0;
      for (float w : trace.weights) sum += w;
      QVERIFY(std::abs(sum - 1.0) < 1e-5);
    }
  }
}

void TestQueryTrace::badRequestsThrow() {
  Engine engine(fixture("model_token16x24_f32.safetensors"), DeviceChoice::Cpu);
  const cv::Mat rgb(16, 24, CV_8UC3, cv::Scalar(90, 120, 200));
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, engine.queryTrace(rgb, 2, 0, 0));  // 2 layers
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, engine.queryTrace(rgb, 0, 4, 0));  // 4 heads
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, engine.queryTrace(rgb, 0, -1, 0));
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, engine.queryTrace(rgb, 0, 0, 24));  // 4 x 6 patches
  Engine noClassToken(fixture("model_avg8x12_f32.safetensors"), DeviceChoice::Cpu);
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, noClassToken.queryTrace(rgb, 0, 0, -1));
}

QTEST_MAIN(TestQueryTrace)
#include "tst_query_trace.moc"

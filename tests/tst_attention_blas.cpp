// Attention's products through BLAS (model/attention_blas.h): the scores and A V against float64 products of the
// same q, k, v, and a whole attention layer (capture, head masks, batches) against ATen's bmm path, which the layer
// takes when gradients are on.
#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/version.h>

#include <QtTest>

#include <cmath>

#include "model/attention.h"
#include "model/attention_blas.h"
#include "model/blas_kernels.h"

using namespace vitlens;

namespace {

double maxAbs(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

// (B, N, 3D) -> (B, heads, N, head_dim) for q (0), k (1) or v (2), in float64.
at::Tensor part(const at::Tensor& qkv, int which, int64_t heads) {
  const int64_t batch = qkv.size(0), tokens = qkv.size(1), dim = qkv.size(2) / 3;
  return qkv.to(at::kDouble)
      .view({batch, tokens, 3, heads, dim / heads})  // (B, N, 3, heads, head_dim)
      .select(2, which)                              // (B, N, heads, head_dim)
      .permute({0, 2, 1, 3});                        // (B, heads, N, head_dim)
}

}  // namespace

class TestAttentionBlas : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void productsMatchFloat64_data() {
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("headDim");
    QTest::newRow("cifar-seed") << 1 << 65 << 4 << 12;
    QTest::newRow("batch of 3, odd sizes") << 3 << 7 << 3 << 5;
    QTest::newRow("one token") << 2 << 1 << 2 << 4;
    QTest::newRow("ViT-B/16 heads") << 1 << 197 << 12 << 64;
  }

  void productsMatchFloat64() {
    QFETCH(int, batch);
    QFETCH(int, tokens);
    QFETCH(int, heads);
    QFETCH(int, headDim);
    at::NoGradGuard noGrad;
    at::manual_seed(batch * 1000 + tokens);
    const auto qkv = at::randn({batch, tokens, 3 * heads * headDim});
    if (!blasAttentionApplies(qkv)) {
      // Debian's LibTorch runs on OpenBLAS, whose sgemm must be taken; another build may export none.
      QVERIFY2(blasCoreName().empty(), "OpenBLAS is loaded, yet its sgemm was not taken");
      QSKIP("no BLAS sgemm exported in this process: the layer keeps ATen's bmm");
    }
    const double scale = 1.0 / std::sqrt(double(headDim));
    const auto q = part(qkv, 0, heads), k = part(qkv, 1, heads), v = part(qkv, 2, heads);

    const auto scores = blasScaledScores(qkv, heads, scale);
    QCOMPARE(scores.sizes().vec(), (std::vector<int64_t>{batch, heads, tokens, tokens}));
    const auto expectedScores = at::matmul(q, k.transpose(-1, -2)) * scale;  // (B, heads, N, N)
    QVERIFY2(maxAbs(scores, expectedScores) < 1e-5, qPrintable(QString::number(maxAbs(scores, expectedScores))));

    const auto probs = at::softmax(at::randn({batch, heads, tokens, tokens}), -1);
    const auto values = blasWeightedValues(probs, qkv, heads);
    QCOMPARE(values.sizes().vec(), (std::vector<int64_t>{batch, tokens, heads * headDim}));
    const auto expectedValues = at::matmul(probs.to(at::kDouble), v)  // (B, heads, N, head_dim)
                                    .permute({0, 2, 1, 3})
                                    .reshape({batch, tokens, heads * headDim});  // (B, N, D)
    QVERIFY2(maxAbs(values, expectedValues) < 1e-5, qPrintable(QString::number(maxAbs(values, expectedValues))));
  }

  void notForGradientsOrOtherTensors() {
    const auto qkv = at::randn({1, 5, 12});
    {
      at::AutoGradMode gradients(true);
      QVERIFY(!blasAttentionApplies(qkv));  // explanations need the graph
    }
    at::NoGradGuard noGrad;
    if (!blasCoreName().empty()) QVERIFY(blasAttentionApplies(qkv));
    QVERIFY(!blasAttentionApplies(qkv.to(at::kBFloat16)));
    QVERIFY(!blasAttentionApplies(qkv.to(at::kDouble)));
    QVERIFY(!blasAttentionApplies(at::randn({1, 12, 5}).transpose(1, 2)));  // (1, 5, 12), not contiguous
  }

  // A layer computed with its products through BLAS (no gradients) against the same layer on ATen's path (gradients
  // on): output and captured probabilities, with and without a head mask.
  void layerMatchesAtenPath_data() {
    QTest::addColumn<int>("batch");
    QTest::addColumn<bool>("masked");
    QTest::newRow("one image") << 1 << false;
    QTest::newRow("one image, head 1 ablated") << 1 << true;
    QTest::newRow("four images, per-image masks") << 4 << true;
  }

  void layerMatchesAtenPath() {
    QFETCH(int, batch);
    QFETCH(bool, masked);
    at::manual_seed(5);
    VitConfig config = VitConfig::preset("cifar-seed");
    Attention layer(config);
    layer->eval();
    const auto x = at::randn({batch, 65, config.embedDim});
    at::Tensor mask;
    if (masked) {
      mask =
          at::ones(batch == 1 ? std::vector<int64_t>{config.numHeads} : std::vector<int64_t>{batch, config.numHeads});
      if (batch == 1) {
        mask[1] = 0.0;
      } else {
        for (int b = 0; b < batch; ++b) mask[b][b % config.numHeads] = 0.0;
      }
    }
    const at::Tensor* maskArg = masked ? &mask : nullptr;

    at::Tensor atenProbs, blasProbs, atenOut, blasOut;
    {
      at::AutoGradMode gradients(true);
      atenOut = layer->forward(x, &atenProbs, maskArg).detach();
      atenProbs = atenProbs.detach();
    }
    {
      at::NoGradGuard noGrad;
      blasOut = layer->forward(x, &blasProbs, maskArg);
#if TORCH_VERSION_MAJOR < 2  // LibTorch 2 runs its fused kernel when nothing is captured
      QVERIFY(at::equal(layer->forward(x, nullptr, maskArg), blasOut));  // captured or not, the same bits
#endif
    }
    // Within float32 rounding: the qkv and proj Linears may run in oneDNN here and in OpenBLAS on ATen's path.
    QVERIFY2(maxAbs(blasOut, atenOut) < 1e-5, qPrintable(QString::number(maxAbs(blasOut, atenOut))));
    QVERIFY2(maxAbs(blasProbs, atenProbs) < 1e-5, qPrintable(QString::number(maxAbs(blasProbs, atenProbs))));
    if (masked && batch == 1) {
      // The ablated head changes the output: the mask reached the BLAS path.
      at::NoGradGuard noGrad;
      QVERIFY(maxAbs(layer->forward(x, nullptr, nullptr), blasOut) > 1e-3);
    }
  }
};

QTEST_MAIN(TestAttentionBlas)
#include "tst_attention_blas.moc"

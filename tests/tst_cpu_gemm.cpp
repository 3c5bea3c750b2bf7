// Row-major float32 products through oneDNN or BLAS (model/cpu_gemm.h): every transposition against float64
// products, through both libraries; gemmLinear against at::linear in float64 for both weight layouts; when each
// library is chosen (threads, gradients, dtypes); and a whole model through oneDNN against the same model through
// OpenBLAS.
#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <dlfcn.h>

#include <QtTest>

#include "model/blas_kernels.h"
#include "model/cpu_gemm.h"
#include "model/runtime.h"
#include "model/vision_transformer.h"

using namespace vitlens;

namespace {

double maxAbs(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

// Debian's LibTorch loads both libraries (libdnnl.so.2, libopenblas): there, a library present but not taken is a
// failure, not a skip.
bool oneDnnLoaded() { return dlsym(RTLD_DEFAULT, "dnnl_sgemm") != nullptr; }

// Sets whether oneDNN may run, for one scope.
struct AllowOneDnn {
  explicit AllowOneDnn(bool allowed) : before(oneDnnGemmAllowed()) { setOneDnnGemmAllowed(allowed); }
  ~AllowOneDnn() { setOneDnnGemmAllowed(before); }
  bool before;
};

// Puts the test's thread split back when a check returns early.
struct RestoreThreads {
  ~RestoreThreads() { configureThreadPool(1, ThreadPool::LibTorch); }
};

}  // namespace

class TestCpuGemm : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    // LibTorch's pool at least OpenBLAS's share, so oneDNN applies wherever it is loaded.
    qunsetenv("VITLENS_BLAS_THREADS");
    qunsetenv("VITLENS_ONEDNN_GEMM");
    setOneDnnGemmAllowed(true);
    configureThreadPool(1, ThreadPool::LibTorch);
  }

  void productMatchesFloat64_data() {
    QTest::addColumn<bool>("oneDnn");
    QTest::addColumn<bool>("transA");
    QTest::addColumn<bool>("transB");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    for (const bool oneDnn : {true, false}) {
      const char* library = oneDnn ? "oneDNN" : "BLAS";
      QTest::addRow("%s, cifar-seed qkv", library) << oneDnn << false << true << 65 << 144 << 48;
      QTest::addRow("%s, A^T", library) << oneDnn << true << false << 7 << 5 << 3;
      QTest::addRow("%s, A^T B^T", library) << oneDnn << true << true << 4 << 9 << 6;
      QTest::addRow("%s, plain, one row", library) << oneDnn << false << false << 1 << 10 << 48;
      QTest::addRow("%s, ViT-B/16 fc2", library) << oneDnn << false << true << 197 << 768 << 3072;
    }
  }

  // C = 0.5 op(A) op(B) + 2 C from within larger row strides (as attention's q, k, v sit inside qkv).
  void productMatchesFloat64() {
    QFETCH(bool, oneDnn);
    QFETCH(bool, transA);
    QFETCH(bool, transB);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    AllowOneDnn allow(oneDnn);
    const CpuGemm expected = oneDnn && oneDnnLoaded() ? CpuGemm::OneDnn : CpuGemm::Blas;
    if (cpuGemmInUse() == CpuGemm::None) {
      QVERIFY2(blasCoreName().empty(), "OpenBLAS is loaded, yet its sgemm was not taken");
      QSKIP("no sgemm in this process");
    }
    if (oneDnn && !oneDnnLoaded()) QSKIP("oneDNN's sgemm is not exported in this process");
    QCOMPARE(cpuGemmInUse(), expected);
    at::manual_seed(m * 100 + n + k);
    const int64_t extra = 3;  // row strides wider than the rows
    const auto aFull = at::randn({transA ? k : m, (transA ? m : k) + extra});
    const auto bFull = at::randn({transB ? n : k, (transB ? k : n) + extra});
    auto c = at::randn({m, n + extra});
    const auto a = aFull.narrow(1, 0, transA ? m : k), b = bFull.narrow(1, 0, transB ? k : n);
    const auto opA = transA ? a.t() : a, opB = transB ? b.t() : b;
    const auto expectedC =
        0.5 * at::matmul(opA.to(at::kDouble), opB.to(at::kDouble)) + 2.0 * c.narrow(1, 0, n).to(at::kDouble);  // (m, n)
    const auto untouched = c.narrow(1, n, extra).clone();
    QVERIFY(rowMajorSgemm(transA, transB, m, n, k, 0.5f, aFull.data_ptr<float>(), aFull.size(1),
                          bFull.data_ptr<float>(), bFull.size(1), 2.0f, c.data_ptr<float>(), c.size(1)));
    const double error = maxAbs(c.narrow(1, 0, n), expectedC);
    QVERIFY2(error < 1e-4 * std::sqrt(double(k)), qPrintable(QString::number(error)));
    QVERIFY(at::equal(c.narrow(1, n, extra), untouched));  // nothing written past each row's n values
  }

  void linearMatchesFloat64_data() {
    QTest::addColumn<bool>("transposedStorage");
    QTest::addColumn<bool>("withBias");
    QTest::addColumn<int>("batch");  // 0: 2-D input (tokens, in); -1: 1-D input (in)
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::newRow("contiguous weight, bias, 3-D input") << false << true << 2 << 48 << 144;
    QTest::newRow("weight stored (in, out), bias, 3-D input") << true << true << 1 << 48 << 144;
    QTest::newRow("weight stored (in, out), no bias, 2-D input") << true << false << 0 << 192 << 48;
    QTest::newRow("contiguous weight, no bias, 3-D input") << false << false << 3 << 48 << 48;
    QTest::newRow("one output (both layouts at once)") << true << true << 2 << 48 << 1;
    QTest::newRow("one input") << false << true << 1 << 1 << 10;
    QTest::newRow("1-D input, stored (in, out)") << true << true << -1 << 48 << 10;
  }

  void linearMatchesFloat64() {
    QFETCH(bool, transposedStorage);
    QFETCH(bool, withBias);
    QFETCH(int, batch);
    QFETCH(int, in);
    QFETCH(int, out);
    at::NoGradGuard noGrad;
    at::manual_seed(11);
    const int64_t tokens = 65;
    const auto weight = transposedStorage ? at::randn({in, out}).t() : at::randn({out, in});  // (out, in)
    const auto bias = withBias ? at::randn({out}) : at::Tensor();
    const auto x = batch > 0 ? at::randn({batch, tokens, in}) : batch == 0 ? at::randn({tokens, in}) : at::randn({in});
    if (!gemmLinearApplies(x, weight, bias)) {
      QVERIFY2(!oneDnnLoaded(), "oneDNN is loaded, yet the Linear did not take it");
      QSKIP("no oneDNN sgemm in this process: at::linear runs the Linears");
    }
    const auto y = gemmLinear(x, weight, bias);
    const auto expected =
        at::linear(x.to(at::kDouble), weight.to(at::kDouble), withBias ? bias.to(at::kDouble) : at::Tensor());
    QCOMPARE(y.sizes().vec(), expected.sizes().vec());
    QVERIFY2(maxAbs(y, expected) < 1e-4, qPrintable(QString::number(maxAbs(y, expected))));
    QVERIFY(at::equal(gemmLinear(x, weight, bias), y));  // the same bits every call
  }

  void choiceFollowsThreadsAndTensors() {
    if (!oneDnnLoaded()) QSKIP("oneDNN's sgemm is not exported in this process");
    const auto x = at::randn({2, 5, 8});
    const auto weight = at::randn({4, 8});
    const auto bias = at::randn({4});
    at::NoGradGuard noGrad;
    QVERIFY(gemmLinearApplies(x, weight, bias));
    QVERIFY(!gemmLinearApplies(x.to(at::kBFloat16), weight.to(at::kBFloat16), bias.to(at::kBFloat16)));
    QVERIFY(!gemmLinearApplies(x.transpose(0, 1), weight, bias));  // not contiguous
    QVERIFY(!gemmLinearApplies(x, weight.to(at::kDouble), bias));
    QVERIFY(!gemmLinearApplies(at::randn({2, 5, 7}), weight, bias));    // widths disagree
    QVERIFY(!gemmLinearApplies(x, at::randn({0, 8}), at::randn({0})));  // no outputs: nothing for oneDNN to do
    // ViT-B/16's sizes keep OpenBLAS (measured faster there) even where LibTorch's pool is as large.
    QVERIFY(!gemmLinearApplies(at::randn({1, 3, 768}), at::randn({3072, 768}), at::randn({3072})));
    QVERIFY(gemmLinearApplies(at::randn({1, 3, 128}), at::randn({512, 128}), at::randn({512})));
    {
      at::AutoGradMode gradients(true);
      QVERIFY(!gemmLinearApplies(x, weight, bias));  // explanations need the graph
    }
    if (blasCoreName().empty()) return;  // no OpenBLAS: there is no split of the cores to follow
    RestoreThreads restore;
    // OpenBLAS given more threads than LibTorch's pool (vitlens's float32 split for wide models): oneDNN would run
    // on fewer threads, so OpenBLAS keeps the products.
    configureThreadPool(2, ThreadPool::Blas);
    QCOMPARE(cpuGemmInUse(), CpuGemm::Blas);
    QVERIFY(!gemmLinearApplies(x, weight, bias));
    configureThreadPool(2, ThreadPool::LibTorch);
    QCOMPARE(cpuGemmInUse(), CpuGemm::OneDnn);
    configureThreadPool(1, ThreadPool::LibTorch);
    QCOMPARE(cpuGemmInUse(), CpuGemm::OneDnn);
    {
      AllowOneDnn off(false);
      QCOMPARE(cpuGemmInUse(), CpuGemm::Blas);
    }
  }

  // The built-in model's size, its whole forward pass with attention capture, through oneDNN and through OpenBLAS:
  // the same classification and maps, to float32 rounding.
  void modelAgreesAcrossLibraries() {
    if (!oneDnnLoaded()) QSKIP("oneDNN's sgemm is not exported in this process");
    QCOMPARE(cpuGemmInUse(), CpuGemm::OneDnn);  // the first pass really is oneDNN's
    at::manual_seed(3);
    VisionTransformer model(VitConfig::preset("cifar-seed"));
    model->eval();
    const auto images = at::randn({2, 3, 32, 32});
    at::NoGradGuard noGrad;
    const auto viaOneDnnOutput = model->forward(images, /*captureAttention=*/true);
    VitOutput viaBlasOutput;
    {
      AllowOneDnn off(false);
      viaBlasOutput = model->forward(images, /*captureAttention=*/true);
    }
    const auto& logitsOneDnn = viaOneDnnOutput.logits;
    const auto& logitsBlas = viaBlasOutput.logits;
    const auto& viaOneDnn = viaOneDnnOutput.attention;
    const auto& viaBlas = viaBlasOutput.attention;
    QVERIFY2(maxAbs(logitsOneDnn, logitsBlas) < 1e-4, qPrintable(QString::number(maxAbs(logitsOneDnn, logitsBlas))));
    QVERIFY(at::equal(logitsOneDnn.argmax(-1), logitsBlas.argmax(-1)));
    QCOMPARE(viaOneDnn.size(), size_t(4));
    QCOMPARE(viaOneDnn.size(), viaBlas.size());
    for (size_t layer = 0; layer < viaOneDnn.size(); ++layer) {
      QVERIFY2(maxAbs(viaOneDnn[layer], viaBlas[layer]) < 1e-5,
               qPrintable(QString::number(maxAbs(viaOneDnn[layer], viaBlas[layer]))));
    }
  }
};

QTEST_MAIN(TestCpuGemm)
#include "tst_cpu_gemm.moc"

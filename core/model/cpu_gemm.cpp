#include "model/cpu_gemm.h"

#include <ATen/Parallel.h>
#include <ATen/core/grad_mode.h>
#include <ATen/ops/empty.h>
#include <dlfcn.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#include "model/runtime.h"

namespace vitlens {
namespace {

// Fortran BLAS sgemm: column-major C = alpha op(A) op(B) + beta C. The integer arguments are passed as pointers to
// int64_t holding values below 2^31: on a little-endian machine an LP64 BLAS reads their low 32 bits, an ILP64 one
// all 64, and both read the same number.
using BlasSgemm = void (*)(const char* transa, const char* transb, const int64_t* m, const int64_t* n, const int64_t* k,
                           const float* alpha, const float* a, const int64_t* lda, const float* b, const int64_t* ldb,
                           const float* beta, float* c, const int64_t* ldc);
// oneDNN's C API (1.x to 3.x): row-major, integers by value (dnnl_dim_t = int64_t), 0 = dnnl_success.
using DnnlSgemm = int (*)(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
                          int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

bool blasRowMajor(BlasSgemm sgemm, bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha,
                  const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  // Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T, where each row-major operand is read as its
  // column-major transpose: the operands swap places, the transposition flags stay.
  sgemm(transB ? "T" : "N", transA ? "T" : "N", &n, &m, &k, &alpha, b, &ldb, a, &lda, &beta, c, &ldc);
  return true;
}

// A 2x3 by 3x2 product whose second operand is read transposed, alpha 0.5, over NaNs (beta 0 must overwrite them),
// checked against its known result: a library with another calling convention is then not used at all.
template <typename Call>
bool passesCheck(Call call) {
  const float a[6] = {1, 2, 3, 4, 5, 6};  // row-major 2x3
  const float b[6] = {1, 0, 2, 1, 0, 3};  // row-major 2x3, used transposed: 3x2 with columns (1 0 2), (1 0 3)
  float c[4] = {NAN, NAN, NAN, NAN};
  if (!call(a, b, c)) return false;
  const float expected[4] = {3.5f, 5.0f, 8.0f, 11.0f};  // 0.5 * [[7, 10], [16, 22]] row-major
  return std::memcmp(c, expected, sizeof c) == 0;
}

bool turnedOffByEnvironment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && std::string(value) == "0";
}

BlasSgemm findBlas() {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  auto* sgemm = reinterpret_cast<BlasSgemm>(dlsym(RTLD_DEFAULT, "sgemm_"));
  if (sgemm == nullptr) return nullptr;
  const bool ok = passesCheck([&](const float* a, const float* b, float* c) {
    return blasRowMajor(sgemm, false, true, 2, 2, 3, 0.5f, a, 3, b, 3, 0.0f, c, 2);
  });
  return ok ? sgemm : nullptr;
#else
  return nullptr;
#endif
}

DnnlSgemm findDnnl() {
  auto* sgemm = reinterpret_cast<DnnlSgemm>(dlsym(RTLD_DEFAULT, "dnnl_sgemm"));
  if (sgemm == nullptr) return nullptr;
  const bool ok = passesCheck([&](const float* a, const float* b, float* c) {
    return sgemm('N', 'T', 2, 2, 3, 0.5f, a, 3, b, 3, 0.0f, c, 2) == 0;
  });
  return ok ? sgemm : nullptr;
}

BlasSgemm blas() {
  static const BlasSgemm found = findBlas();
  return found;
}

DnnlSgemm dnnl() {
  static const DnnlSgemm found = findDnnl();
  return found;
}

std::atomic<bool>& oneDnnAllowed() {
  static std::atomic<bool> allowed{!turnedOffByEnvironment("VITLENS_ONEDNN_GEMM")};
  return allowed;
}

}  // namespace

CpuGemm cpuGemmInUse() {
  // oneDNN's threads are this thread's LibTorch pool: used only where that pool is not smaller than OpenBLAS's
  // share (0 = OpenBLAS not configured or absent), so no product loses threads by the switch.
  if (oneDnnAllowed().load(std::memory_order_relaxed) && dnnl() != nullptr &&
      blasThreadCount() <= at::get_num_threads()) {
    return CpuGemm::OneDnn;
  }
  return blas() != nullptr ? CpuGemm::Blas : CpuGemm::None;
}

const char* cpuGemmName(CpuGemm gemm) {
  switch (gemm) {
    case CpuGemm::OneDnn:
      return "oneDNN";
    case CpuGemm::Blas:
      return "BLAS";
    case CpuGemm::None:
      break;
  }
  return "ATen";
}

bool rowMajorSgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
                   const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  switch (cpuGemmInUse()) {
    case CpuGemm::OneDnn: {
      const int status = dnnl()(transA ? 'T' : 'N', transB ? 'T' : 'N', m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      if (status == 0) return true;
      // oneDNN checks its arguments and allocates before it writes C, so BLAS can still do the whole product.
      if (blas() != nullptr) return blasRowMajor(blas(), transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      throw std::runtime_error("a float32 matrix product failed in oneDNN (status " + std::to_string(status) +
                               ", e.g. out of memory) and no BLAS was found to redo it");
    }
    case CpuGemm::Blas:
      return blasRowMajor(blas(), transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    case CpuGemm::None:
      break;
  }
  return false;
}

bool gemmLinearApplies(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  if (!x.is_cpu() || x.scalar_type() != at::kFloat || x.dim() < 1 || !x.is_contiguous() || at::GradMode::is_enabled() ||
      !weight.is_cpu() || weight.scalar_type() != at::kFloat || weight.dim() != 2 || x.size(-1) != weight.size(1) ||
      x.numel() == 0 || weight.numel() == 0 || weight.numel() > kMaxOneDnnLinearWeight) {
    return false;
  }
  if (!weight.is_contiguous() && !weight.t().is_contiguous()) return false;
  if (bias.defined() && (!bias.is_cpu() || bias.scalar_type() != at::kFloat || bias.dim() != 1 ||
                         bias.size(0) != weight.size(0) || !bias.is_contiguous())) {
    return false;
  }
  return x.numel() / x.size(-1) < (int64_t{1} << 31) && cpuGemmInUse() == CpuGemm::OneDnn;
}

at::Tensor gemmLinear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  const int64_t in = weight.size(1), out = weight.size(0);
  const int64_t rows = x.numel() / in;
  auto sizes = x.sizes().vec();
  sizes.back() = out;
  at::Tensor result = at::empty(sizes, x.options());  // (*, out)
  float* c = result.data_ptr<float>();
  float beta = 0.0f;
  if (bias.defined()) {  // every row starts as the bias, which the product then adds to (as addmm does)
    const float* b = bias.data_ptr<float>();
    for (int64_t row = 0; row < rows; ++row) std::memcpy(c + row * out, b, sizeof(float) * out);
    beta = 1.0f;
  }
  // weight (out, in) row-major is used transposed; its transpose stored contiguously, (in, out), is used as it is.
  const bool stored = weight.is_contiguous();
  if (!rowMajorSgemm(false, stored, rows, out, in, 1.0f, x.data_ptr<float>(), in, weight.data_ptr<float>(),
                     stored ? in : out, beta, c, out)) {
    throw std::runtime_error("gemmLinear: no matrix-product library in this process");  // gemmLinearApplies said so
  }
  return result;
}

void setOneDnnGemmAllowed(bool allowed) { oneDnnAllowed().store(allowed, std::memory_order_relaxed); }

bool oneDnnGemmAllowed() { return oneDnnAllowed().load(std::memory_order_relaxed); }

}  // namespace vitlens

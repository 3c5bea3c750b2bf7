#include "model/attention_blas.h"

#include <ATen/core/grad_mode.h>
#include <ATen/ops/empty.h>
#include <dlfcn.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace vitlens {
namespace {

// Fortran BLAS sgemm: column-major C = alpha op(A) op(B) + beta C. The integer arguments are passed as pointers to
// int64_t holding values below 2^31: on a little-endian machine an LP64 BLAS reads their low 32 bits, an ILP64 one
// all 64, and both read the same number.
using Sgemm = void (*)(const char* transa, const char* transb, const int64_t* m, const int64_t* n, const int64_t* k,
                       const float* alpha, const float* a, const int64_t* lda, const float* b, const int64_t* ldb,
                       const float* beta, float* c, const int64_t* ldc);

// A 2x3 by 3x2 product with a transposed operand, as the scores use, checked against its known result: a BLAS
// with another calling convention is then not used at all.
bool passesCheck(Sgemm sgemm) {
  const float a[6] = {1, 2, 3, 4, 5, 6};  // column-major 3x2, read transposed as 2x3: rows (1 2 3), (4 5 6)
  const float b[6] = {1, 0, 2, 1, 0, 3};  // column-major 3x2: columns (1 0 2), (1 0 3)
  float c[4] = {NAN, NAN, NAN, NAN};      // beta 0 must overwrite whatever is there
  const int64_t m = 2, n = 2, k = 3, lda = 3, ldb = 3, ldc = 2;
  const float alpha = 0.5f, beta = 0.0f;
  sgemm("T", "N", &m, &n, &k, &alpha, a, &lda, b, &ldb, &beta, c, &ldc);
  const float expected[4] = {3.5f, 8.0f, 5.0f, 11.0f};  // 0.5 * [[7, 10], [16, 22]] column-major
  return std::memcmp(c, expected, sizeof c) == 0;
}

Sgemm findSgemm() {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (const char* choice = std::getenv("VITLENS_BLAS_ATTENTION"); choice != nullptr && std::string(choice) == "0") {
    return nullptr;
  }
  auto* sgemm = reinterpret_cast<Sgemm>(dlsym(RTLD_DEFAULT, "sgemm_"));
  return sgemm != nullptr && passesCheck(sgemm) ? sgemm : nullptr;
#else
  return nullptr;
#endif
}

Sgemm sgemm() {
  static const Sgemm found = findSgemm();
  return found;
}

}  // namespace

bool blasAttentionApplies(const at::Tensor& qkv) {
  return qkv.is_cpu() && qkv.scalar_type() == at::kFloat && qkv.dim() == 3 && qkv.is_contiguous() &&
         !at::GradMode::is_enabled() && qkv.size(1) < (int64_t{1} << 15) && sgemm() != nullptr;
}

at::Tensor blasScaledScores(const at::Tensor& qkv, int64_t heads, double scale) {
  const int64_t batch = qkv.size(0), tokens = qkv.size(1), width = qkv.size(2), dim = width / 3;
  const int64_t headDim = dim / heads;
  at::Tensor scores = at::empty({batch, heads, tokens, tokens}, qkv.options());  // (B, heads, N, N)
  const float* rows = qkv.data_ptr<float>();
  float* out = scores.data_ptr<float>();
  const float alpha = static_cast<float>(scale), beta = 0.0f;
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t h = 0; h < heads; ++h) {
      // Row-major q and k (N x head_dim, row stride 3D) are column-major q^T, k^T; the row-major scores S = q k^T
      // are the column-major S^T = k q^T: op(A) = (k^T)^T, op(B) = q^T.
      const float* q = rows + b * tokens * width + h * headDim;
      const float* k = q + dim;
      sgemm()("T", "N", &tokens, &tokens, &headDim, &alpha, k, &width, q, &width, &beta,
              out + (b * heads + h) * tokens * tokens, &tokens);
    }
  }
  return scores;
}

at::Tensor blasWeightedValues(const at::Tensor& probs, const at::Tensor& qkv, int64_t heads) {
  const int64_t batch = qkv.size(0), tokens = qkv.size(1), width = qkv.size(2), dim = width / 3;
  const int64_t headDim = dim / heads;
  const at::Tensor weights = probs.contiguous();                    // (B, heads, N, N)
  at::Tensor out = at::empty({batch, tokens, dim}, qkv.options());  // (B, N, D), head h in columns h*hd..
  const float* rows = qkv.data_ptr<float>();
  const float* attn = weights.data_ptr<float>();
  float* result = out.data_ptr<float>();
  const float alpha = 1.0f, beta = 0.0f;
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t h = 0; h < heads; ++h) {
      // Row-major O = A v (N x head_dim, row stride D) is the column-major O^T = v^T A^T, where row-major v
      // (stride 3D) is column-major v^T and row-major A is column-major A^T.
      const float* v = rows + b * tokens * width + 2 * dim + h * headDim;
      sgemm()("N", "N", &headDim, &tokens, &tokens, &alpha, v, &width, attn + (b * heads + h) * tokens * tokens,
              &tokens, &beta, result + b * tokens * dim + h * headDim, &dim);
    }
  }
  return out;
}

}  // namespace vitlens

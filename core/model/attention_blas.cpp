#include "model/attention_blas.h"

#include <ATen/core/grad_mode.h>
#include <ATen/ops/empty.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "model/cpu_gemm.h"

namespace vitlens {
namespace {

bool turnedOff() {
  static const bool off = [] {
    const char* choice = std::getenv("VITLENS_BLAS_ATTENTION");
    return choice != nullptr && std::string(choice) == "0";
  }();
  return off;
}

// blasAttentionApplies found a library, so false here means none ran: never hand on an unwritten result.
void requireProduct(bool done) {
  if (!done) throw std::runtime_error("attention: no matrix-product library in this process");
}

}  // namespace

bool blasAttentionApplies(const at::Tensor& qkv) {
  return qkv.is_cpu() && qkv.scalar_type() == at::kFloat && qkv.dim() == 3 && qkv.is_contiguous() &&
         !at::GradMode::is_enabled() && qkv.size(0) > 0 && qkv.size(1) > 0 && qkv.size(1) < (int64_t{1} << 15) &&
         qkv.size(2) >= 3 && !turnedOff() && cpuGemmInUse() != CpuGemm::None;
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
      // q and k: (N, head_dim) with row stride 3D; S = q k^T (N, N).
      const float* q = rows + b * tokens * width + h * headDim;
      const float* k = q + dim;
      requireProduct(rowMajorSgemm(false, true, tokens, tokens, headDim, alpha, q, width, k, width, beta,
                                   out + (b * heads + h) * tokens * tokens, tokens));
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
      // O = A v: A (N, N), v (N, head_dim) with row stride 3D, O (N, head_dim) with row stride D.
      const float* v = rows + b * tokens * width + 2 * dim + h * headDim;
      requireProduct(rowMajorSgemm(false, false, tokens, headDim, tokens, alpha,
                                   attn + (b * heads + h) * tokens * tokens, tokens, v, width, beta,
                                   result + b * tokens * dim + h * headDim, dim));
    }
  }
  return out;
}

}  // namespace vitlens

#pragma once
// What training minimises and how fast: the cross-entropy loss with label smoothing, class weights and online hard
// example mining (OHEM: only the hardest fraction of each batch by per-sample loss contributes), and the learning
// rate per step (linear warm-up to the peak, then cosine decay to minLr).
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace vitlens {

struct LossOptions {
  double labelSmoothing = 0.0;  // in [0, 1)
  at::Tensor classWeights;      // (C) float, or undefined for equal weights
  double ohemFraction = 1.0;    // in (0, 1]; 1 keeps every sample
};

// How many samples of a batch OHEM keeps: ceil(fraction * batch), at least 1.
int64_t ohemKeepCount(int64_t batch, double fraction);
// Indices (K) of the K largest per-sample losses, K = ohemKeepCount. perSample: (B).
at::Tensor hardestExamples(const at::Tensor& perSample, double fraction);

// logits (B, C), targets (B) int64 -> scalar. Weighted like PyTorch's mean reduction: the sum of the kept
// samples' weighted losses divided by the sum of their class weights.
at::Tensor trainingLoss(const at::Tensor& logits, const at::Tensor& targets, const LossOptions& options);

struct LrSchedule {
  double peak = 1e-3;       // reached at the end of warm-up
  double minLr = 0.0;       // reached at the last step
  int64_t warmupSteps = 0;  // linear ramp from peak / warmupSteps (step 0) to peak (step warmupSteps - 1)
  int64_t totalSteps = 1;   // all steps of the run, warm-up included

  // step counts from 0; steps past totalSteps stay at minLr.
  double at(int64_t step) const;
};

}  // namespace vitlens

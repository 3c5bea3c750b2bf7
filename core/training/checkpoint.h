#pragma once
// The training checkpoint (FILE.ckpt): everything a --resume needs, written after every epoch, and read back with
// every value checked (type, shape, range, storage) as the model loader checks a model file: a checkpoint is a
// file like any other. Internal to the trainer.
#include <torch/optim/adamw.h>

#include <string>
#include <vector>

#include "model/vision_transformer.h"
#include "training/trainer.h"

namespace vitlens {

struct CheckpointState {  // what the loop resumes from
  int epoch = 0;
  double bestValAcc = 0, seconds = 0;
  std::vector<EpochMetrics> history;
};

// Shuffles and augmentation are seeded from (seed, epoch), so no generator state is kept beyond the seed; torch's
// generator is only used for the initial weights, which the checkpoint holds.
void writeCheckpoint(const std::string& path, VisionTransformer& model, torch::optim::AdamW& optimizer,
                     const TrainOptions& options, const CheckpointState& state);
// Loads the weights and optimizer state into model and optimizer (built from options.config). Throws
// std::runtime_error naming the file and the value that is wrong; nothing of a refused checkpoint is trusted.
CheckpointState readCheckpoint(const std::string& path, VisionTransformer& model, torch::optim::AdamW& optimizer,
                               const TrainOptions& options);

}  // namespace vitlens

#pragma once
// The training loop: AdamW with warm-up + cosine learning rate, augmentation, per-epoch validation, an atomic
// checkpoint (and a usable model file) after every epoch, resume, and a cooperative stop (Ctrl-C).
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/model_meta.h"
#include "training/augment.h"
#include "training/image_folder.h"

namespace vitlens {

struct TrainOptions {
  VitConfig config;             // architecture; numClasses must match the data
  int epochs = 100;             // total epochs of the run (a resume continues up to this)
  int64_t batch = 256;          // images per optimizer step
  double lr = 1e-3;             // peak learning rate after warm-up
  double minLr = 0.0;           // end of the cosine decay
  double weightDecay = 0.05;    // AdamW decoupled decay, on weight matrices only
  double warmupEpochs = 5.0;    // linear warm-up, in epochs (converted to steps)
  double labelSmoothing = 0.1;  // cross-entropy label smoothing
  double gradClip = 1.0;        // max global gradient norm; 0 disables
  bool classWeighted = false;   // cross-entropy weights N / N_i from the training split
  double ohemFraction = 1.0;    // keep the hardest fraction of each batch; 1 disables OHEM
  AugmentOptions augment;       // random crop + flip
  uint64_t seed = 0;            // torch init, shuffles, augmentation
};

// Data prepared by the caller: decoded splits plus the names and statistics that go into the model file.
struct TrainData {
  ImageSet train;                    // (N, H, W, 3) uint8 at the model input size
  ImageSet val;                      // may be empty: then no validation numbers
  std::vector<std::string> classes;  // label names
  ChannelStats stats;                // normalisation, stored in the model file
};

struct EpochMetrics {
  int epoch = 0;  // 1-based
  double trainLoss = 0, trainAcc = 0, valLoss = 0, valAcc = 0, lr = 0, seconds = 0;
};

struct BatchProgress {
  int epoch = 0, epochs = 0;
  int64_t batch = 0, batches = 0;  // batch is 1-based
  double loss = 0, acc = 0;        // running means over the epoch so far
  double imagesPerSecond = 0, etaSeconds = 0;
};

struct TrainCallbacks {
  std::function<void(const BatchProgress&)> onBatch;  // after every batch
  std::function<void(const EpochMetrics&)> onEpoch;   // after every complete epoch, once its files are written
  const std::atomic<bool>* stop = nullptr;            // checked after every batch
};

struct TrainOutputs {
  std::string modelPath;  // the model file; checkpoint = modelPath + ".ckpt", metrics = modelPath + ".metrics.csv"
  ModelMeta meta;         // name, provenance base (recipe, trainer, threads); config/labels/mean/std are filled in
  bool resume = false;    // continue from the checkpoint
};

struct TrainResult {
  bool interrupted = false;
  int epochsDone = 0;
  double valAcc = 0, bestValAcc = 0;
  double seconds = 0;                 // training time over all sessions, decoding excluded
  std::vector<EpochMetrics> history;  // every completed epoch, resumed ones included
};

std::string checkpointPath(const std::string& modelPath);
std::string metricsPath(const std::string& modelPath);

// Throws std::runtime_error for a checkpoint that is missing, unreadable or of another architecture.
TrainResult trainModel(const TrainOptions& options, const TrainData& data, const TrainOutputs& outputs,
                       const TrainCallbacks& callbacks);

}  // namespace vitlens

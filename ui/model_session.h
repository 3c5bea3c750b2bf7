#pragma once
// The window's model and image, without a widget: which model was asked for and which one is loaded, the image
// being analysed and the one shown, the fallback to the built-in model, and every request to the worker. The
// window shows what this object announces and asks it for work; it keeps no copy of this state.
#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

#include "ui/analysis_worker.h"

namespace vitlens::ui {

class ModelSession : public QObject {
  Q_OBJECT

 public:
  explicit ModelSession(QObject* parent = nullptr);
  ~ModelSession() override;

  // The first model (empty path: the built-in one). fallBackToBuiltIn: if it fails and no model is loaded yet,
  // the built-in model is loaded instead (the window; --screenshot must fail on a bad model instead).
  void start(const QString& modelPath, DeviceChoice device, bool fallBackToBuiltIn);
  // Loads another model; on failure the current one stays, with its device and options.
  void openModel(const QString& path, const ModelLoadOptions& options = {});
  // Reloads the current model on another device. False, with an error and nothing changed, when CUDA is asked
  // for on a machine without it.
  bool setDevice(DeviceChoice device);
  // Reload the current model computing in another dtype, or at another input size (0 x 0: its own).
  void setPrecision(ComputeDtype dtype);
  void setInputSize(int height, int width);

  // Images, decoded and analysed on the worker. The newest request wins; one asked for before any model has
  // loaded runs once one has, and a model that finishes loading re-runs the image the user asked for last.
  void openImageFile(const QString& path);
  void openImageData(const cv::Mat& rgb, const QString& name);
  void openImageBytes(const QByteArray& bytes, const QString& name);

  // Asks for the shown image's map (and with tilesQuery, every head's map from that query). False when there is
  // no image with attention to compute it from.
  bool computeMap(const MapRequest& request, std::optional<int> tilesQuery);

  // Perturbation curves of these maps of the shown image (the faithfulness panel). False without an image.
  bool measureFaithfulness(const std::vector<MapRequest>& requests, bool comparison);

  // The shown image's prediction and logit lens with heads ablated / patches dropped. False without an image or
  // a classifier head. Once the result is in, maps (computeMap) come from the changed model until the change is
  // undone (an empty change) or another image or model arrives.
  bool runExperiment(const Interventions& change);
  // What the maps computeMap asks for now show: the change of the last experiment whose attention has arrived.
  const Interventions& mapChange() const { return mapChange_; }
  // Every head ablated alone on the shown image (the heads grid's importance view). False without an image or a
  // classifier head.
  bool scanHeads();
  // One query's scores and weights at one layer and head of the shown image (the tour's attention step). False
  // without an image.
  bool traceQuery(int layer, int head, int queryPatch);
  // Evaluates a folder of class sub-folders with the loaded model (progress, then folderReady). False without a
  // model with a classifier head.
  bool evaluateFolder(const QString& folder);
  void cancelFolder() { worker_->cancelFolder(); }
  const FolderResult* folderResult() const { return folder_ ? &*folder_ : nullptr; }

  const ModelInfo* model() const { return model_ ? &*model_ : nullptr; }
  const AnalysisResult* result() const { return result_ ? &*result_ : nullptr; }
  // What the session stands for: the model asked for last, or after a failure the one still loaded.
  QString modelPath() const { return modelPath_; }
  ModelLoadOptions modelOptions() const { return options_; }
  DeviceChoice device() const { return device_; }
  QString pendingImageName() const { return pendingName_; }
  bool busy() const { return worker_->busy(); }
  quint64 mapJobs() const { return worker_->mapJobs(); }
  // Blocks until the work queued so far has run and its results have been announced.
  void waitForIdle() { worker_->waitForIdle(); }

 Q_SIGNALS:
  void modelLoaded(const vitlens::ui::ModelInfo& info);
  // message is the whole sentence ("Could not load the model: …"). A fallback load may follow.
  void modelFailed(const QString& message);
  // The device or dtype the session stands for changed (a load began, succeeded or was undone): widgets follow.
  void choiceChanged(vitlens::DeviceChoice device, vitlens::ComputeDtype dtype);
  // The model moved to another device while loaded (CUDA ran out of memory; the work was redone on the CPU).
  void modelMoved(const vitlens::ui::ModelInfo& info, const QString& message);
  void imageReady(const vitlens::ui::AnalysisResult& result);
  void imageFailed(const QString& message);
  void mapReady(const vitlens::ui::MapResult& map);
  void mapFailed(const QString& message);
  void faithfulnessReady(const vitlens::ui::FaithfulnessResult& result);
  void faithfulnessFailed(const QString& message);
  void experimentReady(const vitlens::ui::ExperimentResult& result);
  void experimentFailed(const QString& message);
  void headScanReady(const vitlens::ui::HeadScanResult& result);
  void headScanFailed(const QString& message);
  void queryTraceReady(const vitlens::ui::QueryTraceResult& result);
  void queryTraceFailed(const QString& message);
  void folderProgress(qint64 done, qint64 total);
  void folderReady(const vitlens::ui::FolderResult& result);
  void folderFailed(const QString& message);
  // Anything else the user must be told (CUDA asked for without one).
  void errorOccurred(const QString& message);
  void busyChanged(bool busy);

 private:
  void load(const QString& path, const ModelLoadOptions& options);
  void requestImage(std::function<void()> request, const QString& name);
  void onModelLoaded(const ModelInfo& info);
  void onModelFailed(const QString& message);
  void onAnalysisReady(const AnalysisResult& result);
  void onAnalysisFailed(const QString& message);
  void onExperimentReady(const ExperimentResult& result);
  void forgetChange();

  AnalysisWorker* worker_ = nullptr;
  std::optional<ModelInfo> model_;
  std::optional<AnalysisResult> result_;
  QString modelPath_;  // empty: the built-in model
  ModelLoadOptions options_;
  DeviceChoice device_ = DeviceChoice::Auto;
  bool fallBackToBuiltIn_ = false;
  QString pendingName_;                               // the image being analysed, for messages
  std::function<void()> pendingRequest_;              // the newest image asked for and not yet shown
  bool imageQueuedAfterLoad_ = false;                 // an image was requested after the newest model load was queued
  Interventions requestedChange_;                     // the newest experiment asked for
  Interventions mapChange_;                           // what mapAttention_ came from
  std::shared_ptr<const AttentionSet> mapAttention_;  // the changed model's attention, or null
  std::optional<FolderResult> folder_;                // the last folder evaluated
};

}  // namespace vitlens::ui

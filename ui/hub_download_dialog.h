#pragma once
// Model › Download from Hugging Face: a repository id (a few known-good ViTs offered), an optional revision, and
// the download into the local hub cache (hub/hub_download.h) on a thread of its own with progress (bytes, rate,
// time left) and Cancel. The window stays usable; the model opens when it is in.
#include <QDialog>
#include <QElapsedTimer>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace vitlens::ui {

class HubDownloadDialog : public QDialog {
  Q_OBJECT

 public:
  explicit HubDownloadDialog(QWidget* parent = nullptr);
  ~HubDownloadDialog() override;

  QComboBox* repository() const { return repository_; }
  QLineEdit* revision() const { return revision_; }
  QPushButton* downloadButton() const { return download_; }
  bool downloading() const { return cancel_ != nullptr; }
  QString status() const;

  void startDownload();
  void cancelDownload();

 Q_SIGNALS:
  // hf:ORG/NAME@REV, now in the cache.
  void modelDownloaded(const QString& reference);
  void finished();  // succeeded, failed or cancelled

 protected:
  void reject() override;  // closing the dialog cancels a download in flight

 private:
  void onProgress(const QString& file, qint64 done, qint64 total);
  void onDone(const QString& reference, const QString& error, bool cancelled);

  QComboBox* repository_ = nullptr;
  QLineEdit* revision_ = nullptr;
  QLabel* status_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* download_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  std::shared_ptr<std::atomic<bool>> cancel_;  // set while a download runs
  std::thread worker_;                         // joined before the dialog goes: it posts to this object
  QElapsedTimer clock_;
  QString file_;
};

}  // namespace vitlens::ui

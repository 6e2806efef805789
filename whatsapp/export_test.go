package whatsapp

// FailureReason lets the external tests check the wording staff see.
var FailureReason = failureReason

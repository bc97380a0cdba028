fn main() -> std::process::ExitCode {
    hoclieu::cli::run()
}

from custtui.cli import main

if __name__ == "__main__":  # also keeps a spawned import worker from running the command
    raise SystemExit(main())

from custtui.cli import main

raise SystemExit(main())

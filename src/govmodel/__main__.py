from govmodel.cli import main

raise SystemExit(main())

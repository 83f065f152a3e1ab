// store_y: computes y (mamba.cell:42)
// one thread per element of [T, B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B * sizes.T) { return; }
  let i2 = id % 16u;
  let rest = id / 16u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var sum31 = 0.0;
  for (var k = 0u; k < 4u; k++) {
    let h_next = work_buf[16u * sizes.B * sizes.T + 128u * sizes.B + (((i0) * sizes.B + i1) * 16u + i2) * 4u + k];
    let p = work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + ((i0) * sizes.B + i1) * 10u + k + 6u];
    let mul30 = (h_next * p);
    sum31 += mul30;
  }
  let D_skip_l0 = params_buf[736u + i2];
  let u = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + ((i0) * sizes.B + i1) * 16u + i2];
  let mul32 = (D_skip_l0 * u);
  let add33 = (sum31 + mul32);
  let slice15 = work_buf[112u * sizes.B * sizes.T + 128u * sizes.B + ((i0) * sizes.B + i1) * 16u + i2];
  let mul34 = (add33 * slice15);
  let sigmoid35 = sigmoid(slice15);
  let y = (mul34 * sigmoid35);
  work_buf[96u * sizes.B * sizes.T + 128u * sizes.B + ((i0) * sizes.B + i1) * 16u + i2] = y;
}

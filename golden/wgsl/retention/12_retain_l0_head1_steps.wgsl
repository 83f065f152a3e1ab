// retain_l0_head1_steps: every time step of retain_l0_head1, each thread its own elements (retention.cell:13)
// one thread per element of [B, 4, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 64u < 16u * sizes.B;
  let id = min(gid.x + gid.y * groups.x * 64u, 16u * sizes.B - 1u);
  let i2 = id % 4u;
  let rest = id / 4u;
  let i1 = rest % 4u;
  let rest_2 = rest / 4u;
  let i0 = rest_2;
  var S_now = work_buf[72u * sizes.B * sizes.T + 48u * sizes.B + 0u * 16u * sizes.B + ((i0) * 4u + i1) * 4u + i2];
  let decay = params_buf[516u + 0u];
  let sigmoid5 = sigmoid(decay);
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let mul6 = (sigmoid5 * S_now);
    let k = work_buf[96u * sizes.B * sizes.T + 64u * sizes.B + tau * 4u * sizes.B + i0 * 4u + i1];
    let v = work_buf[100u * sizes.B * sizes.T + 64u * sizes.B + tau * 4u * sizes.B + i0 * 4u + i2];
    let mul9 = (k * v);
    let S_next = (mul6 + mul9);
    if (in_range) { work_buf[72u * sizes.B * sizes.T + 48u * sizes.B + write_slot * 16u * sizes.B + ((i0) * 4u + i1) * 4u + i2] = S_next; }
    S_now = S_next;
    workgroupBarrier();
  }
}
